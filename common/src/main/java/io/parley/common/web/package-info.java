/**
 * The servlet services' web defaults: JSON errors from every layer (Spring, the error page, Tomcat) and the
 * filters every service registers.
 */
@NullMarked
package io.parley.common.web;

import org.jspecify.annotations.NullMarked;
