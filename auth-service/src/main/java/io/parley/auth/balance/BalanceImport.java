package io.parley.auth.balance;

import static io.parley.common.imports.SourceFields.bool;
import static io.parley.common.imports.SourceFields.instant;
import static io.parley.common.imports.SourceFields.number;
import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.text;

import io.parley.common.imports.ImportSkipped;
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
 * LibreChat's {@code balances}: a person's credits and refill settings, as stored (the shapes are the same).
 * One record per person: a person who has one in the tenant keeps it.
 */
@Component
class BalanceImport implements LibreChatImporter<BalanceAccount> {

    private final MongoTemplate mongo;

    BalanceImport(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String collection() {
        return "balances";
    }

    @Override
    public Mapped<BalanceAccount> map(String tenantId, Document source) {
        Double credits = number(source, "tokenCredits");
        if (credits != null && (credits.isNaN() || credits.isInfinite())) {
            throw new ImportSkipped("tokenCredits is not a finite number");
        }
        Double value = number(source, "refillIntervalValue");
        ObjectId user = new ObjectId(requiredHexId(source, "user"));
        BalanceAccount account = new BalanceAccount(objectId(source), tenantId, user, credits == null ? 0.0 : credits,
                source.containsKey("autoRefillEnabled") ? bool(source, "autoRefillEnabled", false) : null,
                value == null ? null : value.intValue(), text(source, "refillIntervalUnit"), instant(source, "lastRefill"),
                number(source, "refillAmount"));
        return Mapped.of(user.toHexString(), account);
    }

    @Override
    public Set<String> present(String tenantId, List<Mapped<BalanceAccount>> items) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId)
                .and("user").in(items.stream().map(item -> item.value().user()).toList()));
        query.fields().include("user");
        return mongo.find(query, BalanceAccount.class).stream().map(account -> account.user().toHexString())
                .collect(Collectors.toSet());
    }

    @Override
    public List<Written> write(String tenantId, List<Mapped<BalanceAccount>> items) {
        return items.stream().map(item -> {
            try {
                mongo.insert(item.value());
                return Written.WRITTEN;
            } catch (DuplicateKeyException e) {
                return present(tenantId, List.of(item)).isEmpty()
                        ? Written.skipped("its _id is held by a balance of another tenant") : Written.PRESENT;
            }
        }).toList();
    }
}
