/**
 * Two-factor authentication (TOTP and backup codes): enabling it and the second step of a sign-in. Calls
 * {@code token}, {@code user} and {@code ban}.
 */
@NullMarked
package io.parley.auth.twofa;

import org.jspecify.annotations.NullMarked;
