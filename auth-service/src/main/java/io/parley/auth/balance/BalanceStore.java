package io.parley.auth.balance;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code balances} collection. No transactions: every change is one atomic single-document
 * update ({@code $inc}, or a compare-and-set on {@code lastRefill}), and creation is an upsert behind
 * the unique (tenant, user) index.
 */
@Repository
class BalanceStore implements InitializingBean {

    static final String COLLECTION = "balances";

    private final MongoTemplate mongo;

    BalanceStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(BalanceAccount.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("user", Sort.Direction.ASC).unique().named("tenant_user"));
    }

    Optional<BalanceAccount> find(String tenantId, ObjectId user) {
        return Optional.ofNullable(mongo.findOne(of(tenantId, user), BalanceAccount.class));
    }

    /**
     * The record as LibreChat's {@code setBalanceConfig} leaves it: created with the start balance
     * when missing; while the configuration has auto-refill on, its refill settings copied onto the
     * record and {@code lastRefill} started if unset. A configuration with auto-refill off leaves a
     * record's refill settings alone, as LibreChat does. Writes only what differs.
     */
    BalanceAccount sync(String tenantId, ObjectId user, BalanceProperties config, Instant now) {
        BalanceAccount current = find(tenantId, user).orElse(null);
        if (current == null) {
            Update create = new Update().setOnInsert("tokenCredits", (double) config.startBalance());
            if (config.autoRefillEnabled()) {
                create.setOnInsert("autoRefillEnabled", true)
                        .setOnInsert("refillIntervalValue", config.refillIntervalValue())
                        .setOnInsert("refillIntervalUnit", config.refillIntervalUnit().wireName())
                        .setOnInsert("refillAmount", (double) config.refillAmount())
                        .setOnInsert("lastRefill", now);
            }
            try {
                return mongo.findAndModify(of(tenantId, user), create,
                        FindAndModifyOptions.options().returnNew(true).upsert(true), BalanceAccount.class);
            } catch (DuplicateKeyException e) {
                // another call created it first; settle its settings below
                current = find(tenantId, user).orElseThrow();
            }
        }
        if (!config.autoRefillEnabled()) {
            return current;
        }
        Update update = new Update();
        if (!Boolean.TRUE.equals(current.autoRefillEnabled())) {
            update.set("autoRefillEnabled", true);
        }
        if (!Objects.equals(current.refillIntervalValue(), config.refillIntervalValue())) {
            update.set("refillIntervalValue", config.refillIntervalValue());
        }
        if (!config.refillIntervalUnit().wireName().equals(current.refillIntervalUnit())) {
            update.set("refillIntervalUnit", config.refillIntervalUnit().wireName());
        }
        if (current.refillAmount() == null || current.refillAmount() != config.refillAmount()) {
            update.set("refillAmount", (double) config.refillAmount());
        }
        if (current.lastRefill() == null) {
            update.set("lastRefill", now);
        }
        if (update.getUpdateObject().isEmpty()) {
            return current;
        }
        return Optional.ofNullable(mongo.findAndModify(Query.query(Criteria.where("_id").is(current.id())), update,
                returnNew(), BalanceAccount.class)).orElse(current);
    }

    /**
     * Adds {@code refillAmount} if no one refilled since {@code seen} was read.
     *
     * @return the refilled record; empty when another call refilled first
     */
    Optional<BalanceAccount> refill(BalanceAccount seen, Instant now) {
        Query unchanged = Query.query(Criteria.where("_id").is(seen.id()).and("lastRefill").is(seen.lastRefill()));
        Update update = new Update().inc("tokenCredits", seen.refillAmount()).set("lastRefill", now);
        return Optional.ofNullable(mongo.findAndModify(unchanged, update, returnNew(), BalanceAccount.class))
                .map(this::notBelowZero);
    }

    /**
     * Adds {@code credits} (negative for a charge). As LibreChat's {@code updateBalance}, the
     * balance never ends below zero: what a completion overspends is forgiven.
     *
     * @return the record after the change; empty when there is none
     */
    Optional<BalanceAccount> add(String tenantId, ObjectId user, double credits) {
        return Optional.ofNullable(mongo.findAndModify(of(tenantId, user), new Update().inc("tokenCredits", credits),
                returnNew(), BalanceAccount.class)).map(this::notBelowZero);
    }

    /**
     * Sets the credits outright (LibreChat's {@code set-balance}), the record created as {@link #sync}
     * makes it when missing.
     *
     * @return the record after the change
     */
    BalanceAccount set(String tenantId, ObjectId user, double credits, BalanceProperties config, Instant now) {
        sync(tenantId, user, config, now);
        return mongo.findAndModify(of(tenantId, user), new Update().set("tokenCredits", credits), returnNew(),
                BalanceAccount.class);
    }

    /** The records of these users of the tenant that have one. */
    List<BalanceAccount> findAll(String tenantId, Collection<ObjectId> users) {
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("user").in(users)),
                BalanceAccount.class);
    }

    /** Removes the user's balance record (account deletion). */
    long deleteAll(String tenantId, ObjectId user) {
        return mongo.remove(of(tenantId, user), BalanceAccount.class).getDeletedCount();
    }

    private BalanceAccount notBelowZero(BalanceAccount account) {
        if (account.credits() >= 0) {
            return account;
        }
        // Only while still negative: a concurrent refill or charge in between is kept.
        BalanceAccount clamped = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(account.id()).and("tokenCredits").lt(0)),
                new Update().set("tokenCredits", 0.0), returnNew(), BalanceAccount.class);
        return clamped != null ? clamped : mongo.findById(account.id(), BalanceAccount.class);
    }

    private static FindAndModifyOptions returnNew() {
        return FindAndModifyOptions.options().returnNew(true);
    }

    private static Query of(String tenantId, ObjectId user) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user));
    }
}
