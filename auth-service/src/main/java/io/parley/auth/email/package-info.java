/**
 * E-mail flows: verification, password reset and the mails they send. Calls {@code user}, {@code register},
 * {@code login} (to end sessions) and {@code password}.
 */
@NullMarked
package io.parley.auth.email;

import org.jspecify.annotations.NullMarked;
