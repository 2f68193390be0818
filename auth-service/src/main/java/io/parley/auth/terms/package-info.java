/**
 * The terms of service a person accepts in LibreChat's client ({@code /api/user/terms}), kept as
 * {@code termsAccepted} on the user. Calls {@code user}, {@code capability} and {@code audit}.
 */
@NullMarked
package io.parley.auth.terms;

import org.jspecify.annotations.NullMarked;
