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
 * An importer whose feature stores LibreChat's document shape as it is (plus {@code tenantId}): the subclass maps
 * one document; what the tenant holds is found by the fields that are unique together within the tenant, and the
 * batch is written with one unordered insert ({@link UnorderedInserts}).
 */
public abstract class DocumentImporter implements LibreChatImporter<Document> {

    private final MongoTemplate mongo;
    private final String storedCollection;
    private final List<String> keyFields;

    /**
     * @param storedCollection the feature's collection the documents go to
     * @param keyFields        the fields unique together within a tenant that name a document (e.g.
     *                         {@code conversationId}, or {@code user} and {@code tag}); the first is looked up
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

    @Override
    public Set<String> present(String tenantId, List<Mapped<Document>> items) {
        String first = keyFields.getFirst();
        Query query = Query.query(Criteria.where("tenantId").is(tenantId)
                .and(first).in(items.stream().map(item -> item.value().get(first)).distinct().toList()));
        keyFields.forEach(field -> query.fields().include(field));
        Set<String> wanted = items.stream().map(Mapped::key).collect(Collectors.toSet());
        return mongo.find(query, Document.class, storedCollection).stream().map(this::key).filter(wanted::contains)
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
