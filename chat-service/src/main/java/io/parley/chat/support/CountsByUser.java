package io.parley.chat.support;

import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;

/** How many documents of a collection each user of a tenant has (an admin's statistics): one {@code $group}. */
public final class CountsByUser {

    private CountsByUser() {
    }

    /** @return user id → count; users with none are absent */
    public static Map<String, Long> of(MongoTemplate mongo, String collection, String tenantId) {
        Map<String, Long> counts = new HashMap<>();
        mongo.aggregate(Aggregation.newAggregation(Aggregation.match(Criteria.where("tenantId").is(tenantId)),
                        Aggregation.group("user").count().as("count")), collection, Document.class)
                .forEach(row -> {
                    Object user = row.get("_id");
                    if (user != null) {
                        counts.put(user.toString(), ((Number) row.get("count")).longValue());
                    }
                });
        return counts;
    }
}
