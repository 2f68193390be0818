/**
 * The gateway's signed assertion of a request's tenant and client address, the header names it covers and the
 * filter with which each service refuses a request without it.
 */
@NullMarked
package io.parley.common.edge;

import org.jspecify.annotations.NullMarked;
