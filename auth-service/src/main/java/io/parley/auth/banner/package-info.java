/**
 * LibreChat's site banner ({@code GET /api/banner}): the banners of each tenant and which one is shown
 * now, to whom. Calls {@code capability} and {@code audit} for the admin routes.
 */
@NullMarked
package io.parley.auth.banner;

import org.jspecify.annotations.NullMarked;
