package io.parley.auth.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.auth.OperatorConfiguredIntegrationTest;
import io.parley.common.test.Http;
import io.parley.proto.auth.v1.BalancesGrpc;
import io.parley.proto.auth.v1.BeginRequest;
import io.parley.proto.auth.v1.BeginResponse;
import io.parley.proto.auth.v1.SettleRequest;
import io.parley.proto.auth.v1.SettleResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Balances over a real loopback gRPC connection, as chat-service calls it, with balance checking on
 * (start 20000 credits, auto-refill of 10000 every 30 days). gpt-4o costs 2.5 credits per prompt
 * token and 10 per completion token.
 */
class BalancesGrpcIntegrationTest extends OperatorConfiguredIntegrationTest {

    @Autowired
    MongoTemplate mongo;
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
    void aSettledTurnChargesPromptAndCompletionAtTheModelsRates() {
        Person alice = person(uniqueTenant());

        BeginResponse begun = balances(alice.token()).begin(turn("gpt-4o", 1000));
        assertThat(begun.getAllowed()).isTrue();
        assertThat(begun.getBalanceEnabled()).isTrue();
        assertThat(begun.getBalance()).isEqualTo(START_BALANCE);
        assertThat(begun.getTokenCost()).isEqualTo(2500);
        assertThat(begun.getHoldId()).matches("[A-Za-z0-9_-]{22}");

        SettleResponse settled = settle(begun.getHoldId(), "message", 1000, 200);
        assertThat(settled.getAlreadySettled()).isFalse();
        assertThat(settled.getBalance()).isEqualTo(START_BALANCE - 2500 - 2000);
        assertThat(credits(alice)).isEqualTo(START_BALANCE - 4500.0);

        List<Transaction> written = transactions.ofUser(alice.tenant(), alice.user());
        assertThat(written).extracting(Transaction::tokenType, Transaction::rawAmount, Transaction::rate,
                        Transaction::tokenValue, Transaction::valueKey, Transaction::context)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("prompt", -1000L, 2.5, -2500.0, "gpt-4o", "message"),
                        org.assertj.core.groups.Tuple.tuple("completion", -200L, 10.0, -2000.0, "gpt-4o", "message"));
        assertThat(written).allSatisfy(t -> {
            assertThat(t.holdId()).isEqualTo(begun.getHoldId());
            assertThat(t.conversationId()).isNotBlank();
            assertThat(t.model()).isEqualTo("gpt-4o");
        });
    }

    @Test
    void aPromptTheBalanceCannotCoverIsRefusedWithItsCostAndNoHold() {
        Person alice = person(uniqueTenant());

        BeginResponse refused = balances(alice.token()).begin(turn("gpt-4o-2024-11-20", 10_000));

        assertThat(refused.getAllowed()).isFalse();
        assertThat(refused.getTokenCost()).isEqualTo(25_000);
        assertThat(refused.getBalance()).isEqualTo(START_BALANCE);
        assertThat(refused.getHoldId()).isEmpty();
        assertThat(credits(alice)).isEqualTo((double) START_BALANCE);
    }

    @Test
    void settlingTheSameContextAgainChargesNothingMore() {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 1000)).getHoldId();

        SettleResponse first = settle(hold, "message", 1000, 200);
        SettleResponse again = settle(hold, "message", 1000, 200);

        assertThat(again.getAlreadySettled()).isTrue();
        assertThat(again.getBalance()).isEqualTo(first.getBalance()).isEqualTo(START_BALANCE - 4500);
        assertThat(transactions.ofUser(alice.tenant(), alice.user())).hasSize(2);
    }

    @Test
    void concurrentSettlementsOfOneContextChargeOnce() throws Exception {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 1000)).getHoldId();

        List<SettleResponse> answers = concurrently(8, () -> settle(hold, "message", 1000, 200));

        assertThat(credits(alice)).isEqualTo(START_BALANCE - 4500.0);
        assertThat(transactions.ofUser(alice.tenant(), alice.user())).hasSize(2);
        assertThat(answers).filteredOn(a -> !a.getAlreadySettled()).isNotEmpty();
    }

    @Test
    void aHundredParallelChargesLoseNoUpdate() throws Exception {
        Person alice = person(uniqueTenant());
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            holds.add(balances(alice.token()).begin(turn("gpt-4o", 10)).getHoldId());
        }
        Iterator<String> next = holds.iterator();

        concurrently(100, () -> {
            String hold;
            synchronized (next) {
                hold = next.next();
            }
            return settle(hold, "message", 10, 1);
        });

        // each: 10 prompt tokens at 2.5 + 1 completion token at 10 = 35 credits
        assertThat(credits(alice)).isEqualTo(START_BALANCE - 100 * 35.0);
        assertThat(transactions.ofUser(alice.tenant(), alice.user())).hasSize(200);
    }

    @Test
    void aTitleIsChargedLikeAMessageBesideIt() {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 1000)).getHoldId();

        settle(hold, "message", 1000, 200);
        SettleResponse title = settle(hold, "title", 100, 10);

        assertThat(title.getAlreadySettled()).isFalse();
        assertThat(title.getBalance()).isEqualTo(START_BALANCE - 4500 - 250 - 100);
    }

    @Test
    void anIncompleteResponsesCompletionCostsTheCancelRateMore() {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 1000)).getHoldId();

        SettleResponse settled = settle(hold, "incomplete", 1000, 200);

        assertThat(settled.getBalance()).isEqualTo(START_BALANCE - 2500 - 2300);
        assertThat(transactions.ofUser(alice.tenant(), alice.user())).filteredOn(t -> t.tokenType().equals("completion"))
                .singleElement().satisfies(t -> {
                    assertThat(t.tokenValue()).isEqualTo(-2300.0);
                    assertThat(t.rate()).isCloseTo(11.5, org.assertj.core.data.Offset.offset(1e-9));
                });
    }

    @Test
    void theSettledModelOverridesTheHoldsAndUnknownModelsCostTheDefaultRate() {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 100)).getHoldId();

        SettleResponse settled = balancesWithoutCaller().settle(SettleRequest.newBuilder().setHoldId(hold)
                .setContext("message").setPromptTokens(100).setCompletionTokens(10).setModel("some-local-model").build());

        assertThat(settled.getBalance()).isEqualTo(START_BALANCE - 600 - 60);
        assertThat(transactions.ofUser(alice.tenant(), alice.user()))
                .allSatisfy(t -> {
                    assertThat(t.model()).isEqualTo("some-local-model");
                    assertThat(t.valueKey()).isNull();
                });
    }

    @Test
    void aCompletionThatOverspendsLeavesTheBalanceAtZero() {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 1000)).getHoldId();

        SettleResponse settled = settle(hold, "message", 1000, 10_000);

        assertThat(settled.getBalance()).isZero();
        assertThat(credits(alice)).isZero();
    }

    @Test
    void zeroTokensWriteNothing() {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 0)).getHoldId();

        SettleResponse settled = settle(hold, "message", 0, 0);

        assertThat(settled.getAlreadySettled()).isFalse();
        assertThat(settled.getBalance()).isEqualTo(START_BALANCE);
        assertThat(transactions.ofUser(alice.tenant(), alice.user())).isEmpty();
    }

    @Test
    void beginActsForTheCallerAndSettleChargesTheHoldsUserWhateverTokenComesWithIt() {
        String tenant = uniqueTenant();
        Person alice = person(tenant);
        Person bob = person(tenant);
        Person stranger = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 1000)).getHoldId();

        balances(bob.token()).settle(SettleRequest.newBuilder().setHoldId(hold).setContext("message")
                .setPromptTokens(1000).build());

        assertThat(credits(alice)).isEqualTo(START_BALANCE - 2500.0);
        assertThat(credits(bob)).isEqualTo((double) START_BALANCE);
        assertThat(balances.find(stranger.tenant(), alice.user())).isEmpty();
        assertThat(mongo.findById(hold, Hold.class)).satisfies(h -> {
            assertThat(h.tenantId()).isEqualTo(tenant);
            assertThat(h.user()).isEqualTo(alice.user());
        });
    }

    @Test
    void beginWithoutTheEndUsersTokenIsUnauthenticated() {
        assertThatThrownBy(() -> balancesWithoutCaller().begin(turn("gpt-4o", 10)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> balances("forged.token.value").begin(turn("gpt-4o", 10)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void anUnknownOrExpiredHoldIsNotFound() {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 10)).getHoldId();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(hold)),
                new Update().set("createdAt", Instant.now().minus(Duration.ofHours(25))), Hold.class);

        for (String id : List.of("no-such-hold", hold)) {
            assertThatThrownBy(() -> settle(id, "message", 10, 10))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                        assertThat(e.getStatus().getDescription()).isEqualTo("Unknown or expired hold");
                    });
        }
        assertThat(credits(alice)).isEqualTo((double) START_BALANCE);
    }

    @Test
    void badArgumentsAreInvalidArgument() {
        Person alice = person(uniqueTenant());
        String hold = balances(alice.token()).begin(turn("gpt-4o", 10)).getHoldId();

        assertThatThrownBy(() -> balances(alice.token()).begin(turn("gpt-4o", -1)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> settle(hold, "summary", 10, 10))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("context");
                });
        assertThatThrownBy(() -> settle(hold, "message", 10, -1))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> settle("", "message", 10, 10))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void aDueAutoRefillIsAppliedOnceWhenTheBalanceRunsLow() {
        Person alice = person(uniqueTenant());
        runLowWithRefillDue(alice);

        BeginResponse refilled = balances(alice.token()).begin(turn("gpt-4o", 100));
        BeginResponse next = balances(alice.token()).begin(turn("gpt-4o", 100));

        assertThat(refilled.getAllowed()).isTrue();
        assertThat(refilled.getBalance()).isEqualTo(REFILL_AMOUNT);
        assertThat(next.getBalance()).isEqualTo(REFILL_AMOUNT);
        assertThat(refills(alice)).singleElement().satisfies(t -> {
            assertThat(t.context()).isEqualTo("autoRefill");
            assertThat(t.tokenValue()).isEqualTo((double) REFILL_AMOUNT);
        });

        mongo.updateFirst(account(alice), new Update().set("tokenCredits", 0.0), BalanceAccount.class);
        BeginResponse notYetDue = balances(alice.token()).begin(turn("gpt-4o", 100));
        assertThat(notYetDue.getAllowed()).isFalse();
        assertThat(refills(alice)).hasSize(1);
    }

    @Test
    void aBalanceThatCoversThePromptIsNotRefilledEvenWhenDue() {
        Person alice = person(uniqueTenant());
        balances(alice.token()).begin(turn("gpt-4o", 0));
        mongo.updateFirst(account(alice), new Update().set("lastRefill", Instant.now().minus(Duration.ofDays(31))),
                BalanceAccount.class);

        assertThat(balances(alice.token()).begin(turn("gpt-4o", 100)).getBalance()).isEqualTo(START_BALANCE);
        assertThat(refills(alice)).isEmpty();
    }

    @Test
    void concurrentTurnsRefillOnlyOnce() throws Exception {
        Person alice = person(uniqueTenant());
        runLowWithRefillDue(alice);

        List<BeginResponse> answers = concurrently(8, () -> balances(alice.token()).begin(turn("gpt-4o", 100)));

        assertThat(answers).allSatisfy(a -> assertThat(a.getAllowed()).isTrue());
        assertThat(credits(alice)).isEqualTo((double) REFILL_AMOUNT);
        assertThat(refills(alice)).hasSize(1);
    }

    @Test
    void loginCreatesTheBalanceRecordWithTheStartBalance() {
        Person alice = person(uniqueTenant());

        assertThat(balances.find(alice.tenant(), alice.user())).hasValueSatisfying(account -> {
            assertThat(account.credits()).isEqualTo((double) START_BALANCE);
            assertThat(account.autoRefillEnabled()).isTrue();
            assertThat(account.refillIntervalValue()).isEqualTo(30);
            assertThat(account.refillIntervalUnit()).isEqualTo("days");
            assertThat(account.refillAmount()).isEqualTo((double) REFILL_AMOUNT);
            assertThat(account.lastRefill()).isNotNull();
        });
    }

    private void runLowWithRefillDue(Person person) {
        balances(person.token()).begin(turn("gpt-4o", 0));
        mongo.updateFirst(account(person), new Update().set("tokenCredits", 0.0)
                .set("lastRefill", Instant.now().minus(Duration.ofDays(31))), BalanceAccount.class);
    }

    private List<Transaction> refills(Person person) {
        return transactions.ofUser(person.tenant(), person.user()).stream()
                .filter(t -> t.tokenType().equals("credits")).toList();
    }

    private double credits(Person person) {
        return balances.find(person.tenant(), person.user()).orElseThrow().credits();
    }

    private static Query account(Person person) {
        return Query.query(Criteria.where("tenantId").is(person.tenant()).and("user").is(person.user()));
    }

    private static <T> List<T> concurrently(int calls, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = IntStream.range(0, calls).mapToObj(i -> pool.submit(() -> {
                start.await();
                return call.call();
            })).toList();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Person(String tenant, ObjectId user, String token) {
    }

    private Person person(String tenant) {
        Http.Response session = signedIn("X-Parley-Tenant", tenant);
        return new Person(tenant, new ObjectId(session.json().at("/user/id").asString()),
                session.json().get("token").asString());
    }

    private static BeginRequest turn(String model, long promptTokens) {
        return BeginRequest.newBuilder().setConversationId(UUID.randomUUID().toString())
                .setMessageId(UUID.randomUUID().toString()).setModel(model).setEndpoint("openAI")
                .setPromptTokens(promptTokens).build();
    }

    private SettleResponse settle(String hold, String context, long promptTokens, long completionTokens) {
        return balancesWithoutCaller().settle(SettleRequest.newBuilder().setHoldId(hold).setContext(context)
                .setPromptTokens(promptTokens).setCompletionTokens(completionTokens).build());
    }

    private BalancesGrpc.BalancesBlockingStub balancesWithoutCaller() {
        return BalancesGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    private BalancesGrpc.BalancesBlockingStub balances(String token) {
        return as(BalancesGrpc.newBlockingStub(channel), token);
    }
}
