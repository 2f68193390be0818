package io.parley.chat.turn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.common.grpc.GrpcErrors;
import io.parley.proto.auth.v1.BalancesGrpc;
import io.parley.proto.auth.v1.BeginRequest;
import io.parley.proto.auth.v1.BeginResponse;
import io.parley.proto.auth.v1.SettleRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** auth-service's {@code Balances}: may this person spend, and what a turn cost. */
@Component
class BalancesClient {

    private static final Logger log = LoggerFactory.getLogger(BalancesClient.class);

    /** A turn's permission to spend; {@code holdId} settles its cost later, without the person's token. */
    record Hold(boolean allowed, String holdId, boolean balanceEnabled, long balance, long tokenCost) {
    }

    private final BalancesGrpc.BalancesBlockingStub balances;
    /** Per tenant, whether balances were off at auth-service's last answer (kept an hour). */
    private final Cache<String, Boolean> balancesOff = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
            .maximumSize(10_000).build();

    BalancesClient(GrpcChannelFactory channels) {
        this.balances = BalancesGrpc.newBlockingStub(channels.createChannel("auth"));
    }

    /**
     * Called while serving the person's request: relays their token. While auth-service cannot be reached,
     * a tenant whose balances were off at the last answer still chats (nothing to check; the turn's usage
     * goes unrecorded, logged); with balances on, or never asked, the turn waits for auth-service (503).
     */
    Hold begin(String tenant, String conversationId, String messageId, String model, String endpoint, long promptTokens) {
        try {
            BeginResponse answer = balances.begin(BeginRequest.newBuilder()
                    .setConversationId(conversationId).setMessageId(messageId).setModel(model).setEndpoint(endpoint)
                    .setPromptTokens(promptTokens).build());
            balancesOff.put(tenant, !answer.getBalanceEnabled());
            return new Hold(answer.getAllowed(), answer.getHoldId(), answer.getBalanceEnabled(), answer.getBalance(),
                    answer.getTokenCost());
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            boolean unreachable = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
            if (unreachable && Boolean.TRUE.equals(balancesOff.getIfPresent(tenant))) {
                log.warn("auth-service unreachable; turn goes on without a hold, balances being off tenant_id={} "
                        + "conversation_id={}", tenant, conversationId);
                return new Hold(true, "", false, 0, 0);
            }
            throw GrpcErrors.toApiException(e);
        }
    }

    /**
     * Records what a call used against a hold, by the hold's id alone, so another instance finishing
     * the turn settles it too. auth-service charges a hold once per context: repeating a settlement is
     * harmless. A failure is logged, not thrown: the answer is already the person's, and the hold stays
     * for an operator to reconcile.
     *
     * <p>Sent without the person's token, although a turn's job thread carries it: a turn may outlast
     * the token it was accepted with (a job runs up to {@code parley.chat.jobs.max-duration}, an access
     * token lives {@code SESSION_EXPIRY}), and auth-service would refuse a lapsed one as UNAUTHENTICATED.
     *
     * @param holdId the hold's id; empty or null when there is none (nothing is settled)
     */
    void settle(@Nullable String holdId, String context, long promptTokens, long completionTokens,
                @Nullable String model) {
        if (holdId == null || holdId.isEmpty() || promptTokens + completionTokens == 0) {
            return;
        }
        SettleRequest request = SettleRequest.newBuilder().setHoldId(holdId).setContext(context)
                .setPromptTokens(promptTokens).setCompletionTokens(completionTokens).setModel(model == null ? "" : model)
                .build();
        try {
            new DelegatingSecurityContextRunnable(
                    () -> balances.settle(request),
                    SecurityContextHolder.createEmptyContext()).run();
        } catch (StatusRuntimeException e) {
            log.warn("Could not settle hold of {} ({} prompt, {} completion tokens): {}", context, promptTokens,
                    completionTokens, e.getStatus().getCode());
        }
    }
}
