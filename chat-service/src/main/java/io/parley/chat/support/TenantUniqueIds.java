package io.parley.chat.support;

import io.parley.common.error.ApiException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A client-chosen id (a conversation's, a message's, a preset's) that is unique within its tenant,
 * not merely per user: were it unique per user, another user could write a record of their own under
 * someone else's id. An id held by another user of the tenant answers as if it did not exist (404),
 * and nothing is written.
 */
public final class TenantUniqueIds {

    private static final Logger log = LoggerFactory.getLogger(TenantUniqueIds.class);

    private final MongoTemplate mongo;
    private final String collection;
    private final String idField;
    private final String notFound;

    /**
     * @param idField  the id's field; documents also hold {@code tenantId} and the owner in {@code user}
     * @param notFound the message of the 404 a clash answers, e.g. "Conversation not found"
     */
    public TenantUniqueIds(MongoTemplate mongo, String collection, String idField, String notFound) {
        this.mongo = mongo;
        this.collection = collection;
        this.idField = idField;
        this.notFound = notFound;
    }

    /**
     * Creates the unique index {@code {tenantId, idField}} and then drops {@code replaced}, the unique
     * per-user index that earlier versions kept, when it is still there. Stored data that already holds
     * one id under two users of a tenant cannot take the new index: that is logged and the old index
     * stays (dropping it would leave no uniqueness at all), while {@link #write} still refuses new clashes.
     */
    public void ensureIndex(String name, String replaced) {
        IndexOperations indexes = mongo.indexOps(collection);
        try {
            indexes.createIndex(new Index().on("tenantId", Sort.Direction.ASC).on(idField, Sort.Direction.ASC)
                    .unique().named(name));
        } catch (DuplicateKeyException clash) {
            log.error("Unique index not created collection={} index={}: some {} is stored for more than one user of a "
                    + "tenant; keeping index {} until those records are resolved", collection, name, idField, replaced);
            return;
        }
        if (!exists(indexes, replaced)) {
            return;
        }
        try {
            indexes.dropIndex(replaced);
        } catch (DataAccessException e) {
            // Another instance starting at the same time may have dropped it first.
            if (exists(indexes, replaced)) {
                throw e;
            }
        }
    }

    /** @throws ApiException.NotFound when another user of the tenant holds {@code id} */
    public void requireNotAnothers(String tenantId, String user, String id) {
        if (mongo.exists(Query.query(Criteria.where("tenantId").is(tenantId).and(idField).is(id).and("user").ne(user)),
                collection)) {
            throw new ApiException.NotFound(notFound);
        }
    }

    /**
     * Runs an insert or upsert of the caller's own record under {@code id}.
     *
     * @throws ApiException.NotFound when another user of the tenant holds the id, whether found before the
     *                               write or inserted by them while it ran (the unique index refuses it)
     */
    public <T> T write(String tenantId, String user, String id, Supplier<T> write) {
        requireNotAnothers(tenantId, user, id);
        try {
            return write.get();
        } catch (DuplicateKeyException clash) {
            requireNotAnothers(tenantId, user, id);
            // The caller's own concurrent write inserted first; written again, this one updates that record.
            return write.get();
        }
    }

    private static boolean exists(IndexOperations indexes, String name) {
        return indexes.getIndexInfo().stream().anyMatch(index -> name.equals(index.getName()));
    }
}
