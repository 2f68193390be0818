package io.parley.chat.turn;

import io.parley.common.security.CurrentUser;

/**
 * One accepted chat turn: what its job needs to know, as a value. The job's handles (the live job, the
 * provider) travel beside it; what the turn records and costs goes through {@link Settlement}.
 *
 * @param hold       auth-service's permission to spend, which the turn's tokens are settled against
 * @param wantsTitle a new, non-temporary conversation of an endpoint that titles
 */
record Turn(CurrentUser user, String conversationId, RunKind kind, TurnPlan plan, BalancesClient.Hold hold,
            boolean wantsTitle) {
}
