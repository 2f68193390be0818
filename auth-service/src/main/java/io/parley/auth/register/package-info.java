/**
 * Registration with LibreChat's rules, and the event it publishes. Calls {@code user} and {@code password}.
 */
@NullMarked
package io.parley.auth.register;

import org.jspecify.annotations.NullMarked;
