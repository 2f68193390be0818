package io.parley.common.imports;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * An importer whose feature stores LibreChat's document shape as it is (plus {@code tenantId}) under LibreChat's
 * {@code _id}: the subclass maps one document; what the tenant holds already is found by {@code _id} (one
 * {@code $in} the stores answer from their {@code _id} index, the embedded one included, where the feature's
 * tenant-leading index would read the whole tenant for every batch), and the batch is written with one unordered
 * insert ({@link UnorderedInserts}), whose unique index refuses a document that is present under another
 * {@code _id} (counted present).
 */
public abstract class DocumentImporter implements LibreChatImporter<Document> {

    private final MongoTemplate mongo;
    private final String storedCollection;
    private final List<String> keyFields;

    /**
     * @param storedCollection the feature's collection the documents go to
     * @param keyFields        the fields unique together within a tenant that name a document (e.g.
     *                         {@code conversationId}, or {@code user} and {@code tag}): the key reported
     */
    protected DocumentImporter(MongoTemplate mongo, String storedCollection, String... keyFields) {
        this.mongo = mongo;
        this.storedCollection = storedCollection;
        this.keyFields = List.of(keyFields);
    }

    /** The mapped document with its key made of the key fields. */
    protected Mapped<Document> mapped(Document stored, List<String> warnings) {
        return new Mapped<>(key(stored), stored, warnings);
    }

    /** The items whose {@code _id} the tenant holds. */
    @Override
    public Set<String> present(String tenantId, List<Mapped<Document>> items) {
        Query query = Query.query(Criteria.where("_id").in(items.stream().map(item -> item.value().get("_id")).toList())
                .and("tenantId").is(tenantId));
        query.fields().include("_id");
        Set<String> stored = mongo.find(query, Document.class, storedCollection).stream().map(d -> text(d.get("_id")))
                .collect(Collectors.toSet());
        return items.stream().filter(item -> stored.contains(text(item.value().get("_id")))).map(Mapped::key)
                .collect(Collectors.toSet());
    }

    @Override
    public List<Written> write(String tenantId, List<Mapped<Document>> items) {
        return UnorderedInserts.insert(mongo, storedCollection, items.stream().map(Mapped::value).toList());
    }

    private String key(Document stored) {
        return keyFields.stream().map(field -> text(stored.get(field))).collect(Collectors.joining("/"));
    }

    private static String text(Object value) {
        return value instanceof ObjectId id ? id.toHexString() : String.valueOf(value);
    }
}
