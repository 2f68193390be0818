package io.parley.auth.balance;

import io.parley.auth.login.SignedIn;
import io.parley.common.error.ApiException;
import io.parley.common.pricing.TokenRates;
import io.parley.common.pricing.TokenRates.Rate;
import io.parley.common.pricing.TokenRates.TokenType;
import io.parley.common.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * LibreChat's token accounting for chat turns ({@code checkBalance}, {@code spendTokens}): a turn is
 * let through when the balance covers its prompt, and afterwards its prompt and completion are
 * recorded as transactions and charged. Transactions are recorded whether or not balance checking
 * is on (LibreChat's {@code transactions.enabled} default).
 *
 * <p>A settlement charges at most once: each transaction is written once behind a unique key and
 * the balance then moves by what was written. Should the process die between the two, the charge
 * is lost rather than doubled.
 */
@Component
class TokenAccounting {

    /** LibreChat's {@code cancelRate}: an aborted response's completion tokens cost this much more. */
    static final double CANCEL_RATE = 1.15;
    static final String MESSAGE = "message";
    static final String INCOMPLETE = "incomplete";
    static final String TITLE = "title";
    private static final Set<String> CONTEXTS = Set.of(MESSAGE, INCOMPLETE, TITLE);
    private static final int MAX_ID = 256;

    private static final Logger log = LoggerFactory.getLogger(TokenAccounting.class);

    private final BalanceStore balances;
    private final HoldStore holds;
    private final TransactionStore transactions;
    private final BalanceProperties config;
    private final Clock clock = Clock.systemUTC();

    TokenAccounting(BalanceStore balances, HoldStore holds, TransactionStore transactions, BalanceProperties config) {
        this.balances = balances;
        this.holds = holds;
        this.transactions = transactions;
        this.config = config;
    }

    /** What a turn is about to send. */
    record Turn(String conversationId, String messageId, String model, String endpoint, long promptTokens) {
    }

    /**
     * @param holdId    empty when not allowed
     * @param balance   credits after any refill, rounded down; 0 when balance checking is off
     * @param tokenCost credits the prompt costs, rounded up
     */
    record Begun(boolean allowed, String holdId, boolean balanceEnabled, long balance, long tokenCost) {
    }

    /** @param model empty for the hold's model */
    record Settlement(String holdId, String context, long promptTokens, long completionTokens, String model) {
    }

    /** @param balance credits after the charge, rounded down; 0 when balance checking is off */
    record Settled(long balance, boolean alreadySettled) {
    }

    Begun begin(CurrentUser caller, Turn turn) {
        check(turn);
        ObjectId user = userId(caller);
        Instant now = clock.instant();
        double cost = turn.promptTokens() * TokenRates.of(turn.model(), TokenType.PROMPT, turn.promptTokens()).value();
        if (!config.enabled()) {
            return new Begun(true, open(caller, user, turn, now).id(), false, 0, roundUp(cost));
        }
        BalanceAccount account = balances.sync(caller.tenantId(), user, config, now);
        // LibreChat refills only when the balance would not cover the prompt.
        if (account.credits() - cost <= 0 && account.refillDueAt(now)) {
            account = refill(account, now);
        }
        if (account.credits() < cost) {
            log.info("Turn refused for lack of credits tenant_id={} user_id={} model={} balance={} token_cost={}",
                    caller.tenantId(), caller.id(), turn.model(), account.credits(), cost);
            return new Begun(false, "", true, roundDown(account.credits()), roundUp(cost));
        }
        return new Begun(true, open(caller, user, turn, now).id(), true, roundDown(account.credits()), roundUp(cost));
    }

    Settled settle(Settlement settlement) {
        check(settlement);
        Instant now = clock.instant();
        Hold hold = holds.find(settlement.holdId(), now)
                .orElseThrow(() -> new ApiException.NotFound("Unknown or expired hold"));
        String model = settlement.model().isEmpty() ? hold.model() : settlement.model();
        double charged = 0;
        boolean planned = false;
        boolean wrote = false;
        for (TokenType type : TokenType.values()) {
            long tokens = type == TokenType.PROMPT ? settlement.promptTokens() : settlement.completionTokens();
            if (tokens == 0) {
                continue;
            }
            planned = true;
            Transaction transaction = spend(hold, settlement.context(), type, tokens, model,
                    settlement.promptTokens(), now);
            if (transactions.insertOnce(transaction)) {
                charged += transaction.tokenValue();
                wrote = true;
            }
        }
        boolean alreadySettled = planned && !wrote;
        if (alreadySettled) {
            log.debug("Hold already settled tenant_id={} user_id={} context={}", hold.tenantId(), hold.user().toHexString(),
                    settlement.context());
        }
        if (!config.enabled()) {
            return new Settled(0, alreadySettled);
        }
        double charge = charged;
        Optional<BalanceAccount> account = charge == 0 ? balances.find(hold.tenantId(), hold.user())
                : balances.add(hold.tenantId(), hold.user(), charge).or(() -> {
                    // balance checking was off when the turn began: the record starts now
                    balances.sync(hold.tenantId(), hold.user(), config, now);
                    return balances.add(hold.tenantId(), hold.user(), charge);
                });
        return new Settled(roundDown(account.map(BalanceAccount::credits).orElse(0.0)), alreadySettled);
    }

    /** The caller's balance record, made as on login when missing; empty when balance checking is off. */
    Optional<BalanceAccount> current(CurrentUser caller) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        return Optional.of(balances.sync(caller.tenantId(), userId(caller), config, clock.instant()));
    }

    /** LibreChat's {@code setBalanceConfig} on login; a failure here does not fail the login. */
    @EventListener
    void signedIn(SignedIn event) {
        if (!config.enabled() || !ObjectId.isValid(event.userId())) {
            return;
        }
        try {
            balances.sync(event.tenantId(), new ObjectId(event.userId()), config, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Balance not set up at login tenant_id={} user_id={}", event.tenantId(), event.userId(), e);
        }
    }

    private Transaction spend(Hold hold, String context, TokenType type, long tokens, String model, long promptTokens,
                              Instant now) {
        Rate rate = TokenRates.of(model, type, promptTokens);
        double perToken = rate.value();
        double value = -tokens * perToken;
        if (type == TokenType.COMPLETION && INCOMPLETE.equals(context)) {
            // LibreChat rounds with Math.ceil, which for a spend (negative) rounds toward zero.
            value = Math.ceil(value * CANCEL_RATE);
            perToken *= CANCEL_RATE;
        }
        return new Transaction(null, hold.tenantId(), hold.user(), hold.conversationId(), hold.messageId(),
                type.wireName(), model, context, rate.valueKey(), perToken, -tokens, value, hold.id(),
                Transaction.settlementKey(hold.id(), context, type.wireName()), now);
    }

    private BalanceAccount refill(BalanceAccount seen, Instant now) {
        Optional<BalanceAccount> refilled = balances.refill(seen, now);
        if (refilled.isEmpty()) {
            // another turn refilled first
            return balances.find(seen.tenantId(), seen.user()).orElse(seen);
        }
        String previous = seen.lastRefill() == null ? "never" : Long.toString(seen.lastRefill().toEpochMilli());
        double amount = seen.refillAmount();
        transactions.insertOnce(new Transaction(null, seen.tenantId(), seen.user(), null, null, "credits", null,
                "autoRefill", null, 1, Math.round(amount), amount, null, "refill/" + seen.id() + "/" + previous, now));
        log.info("Balance auto-refilled tenant_id={} user_id={} amount={}", seen.tenantId(),
                seen.user().toHexString(), amount);
        return refilled.get();
    }

    private Hold open(CurrentUser caller, ObjectId user, Turn turn, Instant now) {
        return holds.open(caller.tenantId(), user, turn.conversationId(), turn.messageId(), turn.model(),
                turn.endpoint(), turn.promptTokens(), now);
    }

    private static void check(Turn turn) {
        if (turn.promptTokens() < 0) {
            throw ApiException.Invalid.field("prompt_tokens", "must not be negative");
        }
        length("conversation_id", turn.conversationId());
        length("message_id", turn.messageId());
        length("model", turn.model());
        length("endpoint", turn.endpoint());
    }

    private static void check(Settlement settlement) {
        if (settlement.holdId().isEmpty()) {
            throw ApiException.Invalid.field("hold_id", "is required");
        }
        length("hold_id", settlement.holdId());
        if (!CONTEXTS.contains(settlement.context())) {
            throw ApiException.Invalid.field("context", "must be one of message, incomplete, title");
        }
        if (settlement.promptTokens() < 0) {
            throw ApiException.Invalid.field("prompt_tokens", "must not be negative");
        }
        if (settlement.completionTokens() < 0) {
            throw ApiException.Invalid.field("completion_tokens", "must not be negative");
        }
        length("model", settlement.model());
    }

    private static void length(String field, String value) {
        if (value.length() > MAX_ID) {
            throw ApiException.Invalid.field(field, "must be at most " + MAX_ID + " characters");
        }
    }

    private static ObjectId userId(CurrentUser caller) {
        if (!ObjectId.isValid(caller.id())) {
            throw new ApiException.Unauthorized("The token names no Parley user");
        }
        return new ObjectId(caller.id());
    }

    private static long roundDown(double credits) {
        return (long) Math.floor(credits);
    }

    private static long roundUp(double credits) {
        return (long) Math.ceil(credits);
    }
}
