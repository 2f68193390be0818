/**
 * LibreChat's admin routes for a tenant's accounts (create, invite, list, password, ban, delete, balances)
 * and the flush of its limits and bans. Calls {@code user}, {@code register}, {@code email}, {@code login},
 * {@code account}, {@code balance}, {@code capability} (who may) and {@code audit}.
 */
@NullMarked
package io.parley.auth.admin;

import org.jspecify.annotations.NullMarked;
