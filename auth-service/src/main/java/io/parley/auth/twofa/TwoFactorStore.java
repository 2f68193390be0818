package io.parley.auth.twofa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The {@code two_factor} collection. Every change is one conditional update of one document (no
 * transactions): it names the enrolment it was decided on, so a change that raced with another
 * (a second confirm, a code used twice at once, a re-enrolment) finds nothing to change and says so.
 */
@Repository
class TwoFactorStore {

    static final String ACTIVE = "active";
    static final String PENDING = "pending";

    private final MongoTemplate mongo;

    TwoFactorStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<TwoFactorRecord> find(String tenantId, String userId) {
        return Optional.ofNullable(mongo.findOne(byKey(tenantId, userId), TwoFactorRecord.class));
    }

    /** Sets a new pending enrolment, replacing an earlier pending one; the active one (if any) stays. */
    void startEnrolment(String tenantId, String userId, TwoFactorRecord.Enrolment pending, Instant now) {
        mongo.upsert(byKey(tenantId, userId), new Update().set(PENDING, pending).set("updatedAt", now)
                .setOnInsert("userId", userId), TwoFactorRecord.class);
    }

    /**
     * Makes the pending enrolment {@code pending.enrolmentId()} the active one, with {@code step} as its last used
     * step. @return false when it is no longer pending (confirmed meanwhile, or replaced)
     */
    boolean activate(String tenantId, String userId, TwoFactorRecord.Enrolment pending, long step, Instant now) {
        Query query = byKey(tenantId, userId).addCriteria(Criteria.where(PENDING + ".enrolmentId").is(pending.enrolmentId()));
        Update update = new Update().set(ACTIVE, pending.withLastUsedStep(step)).unset(PENDING).set("updatedAt", now);
        return mongo.updateFirst(query, update, TwoFactorRecord.class).getModifiedCount() == 1;
    }

    /**
     * Records {@code step} as used by the active enrolment {@code enrolmentId}, unless it or a later step
     * already was. @return false for a replayed code (or an enrolment replaced meanwhile)
     */
    boolean acceptStep(String tenantId, String userId, String enrolmentId, long step) {
        String field = ACTIVE + ".lastUsedStep";
        Query query = byKey(tenantId, userId).addCriteria(Criteria.where(ACTIVE + ".enrolmentId").is(enrolmentId)
                .orOperator(Criteria.where(field).is(null), Criteria.where(field).lt(step)));
        return mongo.updateFirst(query, new Update().set(field, step), TwoFactorRecord.class).getModifiedCount() == 1;
    }

    /**
     * Marks backup code {@code index} of the active enrolment used, if it is still unused and still the
     * code hashed as {@code codeHash}. @return false when someone used (or regenerated) it first
     */
    boolean useBackupCode(String tenantId, String userId, String enrolmentId, int index, String codeHash, Instant now) {
        String entry = ACTIVE + ".backupCodes." + index;
        Query query = byKey(tenantId, userId).addCriteria(Criteria.where(ACTIVE + ".enrolmentId").is(enrolmentId)
                .and(entry + ".codeHash").is(codeHash).and(entry + ".used").is(false));
        Update update = new Update().set(entry + ".used", true).set(entry + ".usedAt", now);
        return mongo.updateFirst(query, update, TwoFactorRecord.class).getModifiedCount() == 1;
    }

    /**
     * Replaces the backup codes of enrolment {@code enrolmentId}, {@link #ACTIVE} or {@link #PENDING}.
     * @return false when that enrolment is gone
     */
    boolean replaceBackupCodes(String tenantId, String userId, String which, String enrolmentId,
                               List<TwoFactorRecord.BackupCode> codes, Instant now) {
        Query query = byKey(tenantId, userId).addCriteria(Criteria.where(which + ".enrolmentId").is(enrolmentId));
        Update update = new Update().set(which + ".backupCodes", codes).set("updatedAt", now);
        return mongo.updateFirst(query, update, TwoFactorRecord.class).getModifiedCount() == 1;
    }

    /** Forgets everything: active and pending enrolment. Idempotent. */
    void delete(String tenantId, String userId) {
        mongo.remove(byKey(tenantId, userId), TwoFactorRecord.class);
    }

    private static Query byKey(String tenantId, String userId) {
        return Query.query(Criteria.where("_id").is(TwoFactorRecord.idOf(tenantId, userId)).and("tenantId").is(tenantId));
    }
}
