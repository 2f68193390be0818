/**
 * The gateway: one public port in front of the five services. Its features are {@code edge} (what every
 * request passes through), {@code security} (tokens and tenants), {@code limit} (rate limits and bans) and
 * {@code web} (LibreChat's web client, when a build is given).
 */
@NullMarked
package io.parley.gateway;

import org.jspecify.annotations.NullMarked;
