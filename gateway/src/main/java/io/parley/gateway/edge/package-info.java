/**
 * What every request passes through at the edge: the tenant and client address (from trusted proxies only),
 * the signed edge assertion, CORS, body and target size limits, the health route and JSON errors for anything
 * refused or failed upstream. Uses common's {@code edge}, {@code error} and {@code request}.
 */
@NullMarked
package io.parley.gateway.edge;

import org.jspecify.annotations.NullMarked;
