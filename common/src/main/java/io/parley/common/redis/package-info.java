/**
 * Redis through Redisson with a circuit for outages: windowed counters, violations and bans, revocations, and
 * the gateway's standings of a request.
 */
@NullMarked
package io.parley.common.redis;

import org.jspecify.annotations.NullMarked;
