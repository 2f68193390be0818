/**
 * LibreChat's admin routes for a tenant's accounts (create, invite, list, password, ban, delete, balances)
 * and the flush of its limits and bans. Calls {@code user}, {@code register}, {@code email}, {@code login},
 * {@code account} and {@code balance}.
 */
@NullMarked
package io.parley.auth.admin;

import org.jspecify.annotations.NullMarked;
