/**
 * Groups of people a tenant shares with (LibreChat's {@code groups}). Calls {@code user}.
 */
@NullMarked
package io.parley.auth.group;

import org.jspecify.annotations.NullMarked;
