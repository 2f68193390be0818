/**
 * Groups of people a tenant shares with (LibreChat's {@code groups}). Calls {@code user},
 * {@code capability} (who may; it answers that package's membership questions) and {@code audit}.
 */
@NullMarked
package io.parley.auth.group;

import org.jspecify.annotations.NullMarked;
