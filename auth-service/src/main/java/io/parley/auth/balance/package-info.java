/**
 * Token balances and transactions: the {@code /api/balance} route, auto-refill, and the {@code Balances} gRPC
 * service chat-service holds and settles turns with.
 */
@NullMarked
package io.parley.auth.balance;

import org.jspecify.annotations.NullMarked;
