/**
 * LibreChat's admin routes for a tenant's accounts (list, ban, balances). Calls {@code user} and
 * {@code balance}.
 */
@NullMarked
package io.parley.auth.admin;

import org.jspecify.annotations.NullMarked;
