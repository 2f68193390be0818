package io.parley.auth.balance;

import static io.parley.common.imports.SourceFields.createdAt;
import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.requiredText;
import static io.parley.common.imports.SourceFields.text;

import io.parley.common.imports.LibreChatImporter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code transactions}: the history of spends and credits, kept under their ids (so a second
 * import finds them) and without an idempotency key (the index is sparse for them). They change no
 * balance: the balance record is imported as it stood.
 */
@Component
class TransactionImport implements LibreChatImporter<Transaction> {

    private final MongoTemplate mongo;

    TransactionImport(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String collection() {
        return "transactions";
    }

    @Override
    public Mapped<Transaction> map(String tenantId, Document source) {
        ObjectId id = objectId(source);
        Double rate = number(source, "rate");
        Double raw = number(source, "rawAmount");
        Double value = number(source, "tokenValue");
        Transaction transaction = new Transaction(id, tenantId, new ObjectId(requiredHexId(source, "user")),
                text(source, "conversationId"), text(source, "messageId"), requiredText(source, "tokenType"),
                text(source, "model"), text(source, "context"), text(source, "valueKey"), rate == null ? 0 : rate,
                raw == null ? 0 : Math.round(raw), value == null ? 0 : value, null, null, createdAt(source));
        return Mapped.of(id.toHexString(), transaction);
    }

    @Override
    public Set<String> present(String tenantId, List<Mapped<Transaction>> items) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId)
                .and("_id").in(items.stream().map(item -> item.value().id()).toList()));
        query.fields().include("_id");
        return mongo.find(query, Document.class, TransactionStore.COLLECTION).stream()
                .map(d -> d.getObjectId("_id").toHexString()).collect(Collectors.toSet());
    }

    @Override
    public List<Written> write(String tenantId, List<Mapped<Transaction>> items) {
        return items.stream().map(item -> {
            try {
                mongo.insert(item.value());
                return Written.WRITTEN;
            } catch (DuplicateKeyException e) {
                return present(tenantId, List.of(item)).isEmpty()
                        ? Written.skipped("its _id is held by a transaction of another tenant") : Written.PRESENT;
            }
        }).toList();
    }
}
