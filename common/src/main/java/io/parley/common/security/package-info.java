/**
 * Access tokens in every service: verified once per process, the person a request acts for, optional
 * authentication for public routes and JSON 401/403.
 */
@NullMarked
package io.parley.common.security;

import org.jspecify.annotations.NullMarked;
