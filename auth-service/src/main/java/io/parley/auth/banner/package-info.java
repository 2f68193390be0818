/**
 * LibreChat's site banner ({@code GET /api/banner}): the banners of each tenant and which one is shown
 * now, to whom. Calls nothing of auth-service but the tenant of a signed-out request.
 */
@NullMarked
package io.parley.auth.banner;

import org.jspecify.annotations.NullMarked;
