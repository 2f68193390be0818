package io.parley.auth.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import io.parley.proto.auth.v1.BalancesGrpc;
import io.parley.proto.auth.v1.BeginRequest;
import io.parley.proto.auth.v1.BeginResponse;
import io.parley.proto.auth.v1.SettleRequest;
import io.parley.proto.auth.v1.SettleResponse;
import java.util.concurrent.TimeUnit;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With balance checking off (the default), turns always go ahead but are still recorded. */
class BalanceDisabledIntegrationTest extends AuthIntegrationTest {

    @Autowired
    BalanceStore balances;
    @Autowired
    TransactionStore transactions;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = grpcChannel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void turnsAreAllowedAndTheirTransactionsStillWritten() {
        String tenant = uniqueTenant();
        Http.Response session = signedIn("X-Parley-Tenant", tenant);
        ObjectId user = new ObjectId(session.json().at("/user/id").asString());

        BeginResponse begun = stub(session.json().get("token").asString()).begin(BeginRequest.newBuilder()
                .setConversationId("c1").setMessageId("m1").setModel("claude-sonnet-4-5-20250929").setEndpoint("anthropic")
                .setPromptTokens(1_000_000_000L).build());
        assertThat(begun.getAllowed()).isTrue();
        assertThat(begun.getBalanceEnabled()).isFalse();
        assertThat(begun.getBalance()).isZero();
        assertThat(begun.getHoldId()).isNotEmpty();

        SettleResponse settled = BalancesGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .settle(SettleRequest.newBuilder().setHoldId(begun.getHoldId()).setContext("message")
                        .setPromptTokens(1000).setCompletionTokens(100).build());

        assertThat(settled.getBalance()).isZero();
        assertThat(transactions.ofUser(tenant, user)).extracting(Transaction::tokenType, Transaction::tokenValue,
                        Transaction::valueKey)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("prompt", -3000.0, "claude-sonnet-4-5"),
                        org.assertj.core.groups.Tuple.tuple("completion", -1500.0, "claude-sonnet-4-5"));
        assertThat(balances.find(tenant, user)).isEmpty();
    }

    @Test
    void getBalanceIsNoContent() {
        Http.Response session = signedIn();

        Http.Response balance = http.get("/api/balance", "Authorization", "Bearer " + session.json().get("token").asString());

        assertThat(balance.status()).isEqualTo(204);
        assertThat(balance.body()).isEmpty();
    }

    @Test
    void getBalanceNeedsAToken() {
        assertThat(http.get("/api/balance").status()).isEqualTo(401);
    }

    private BalancesGrpc.BalancesBlockingStub stub(String token) {
        return as(BalancesGrpc.newBlockingStub(channel), token);
    }
}
