/**
 * Password sign-in, sessions, refresh-token rotation and logout, and the cookies they set. Calls
 * {@code twofa} for a second factor, {@code token} to issue tokens, {@code user}, {@code ban} and
 * {@code password}.
 */
@NullMarked
package io.parley.auth.login;

import org.jspecify.annotations.NullMarked;
