package io.parley.chat.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * {@link ChatSearch} with quoted, case-insensitive {@code $regex} per word: the embedded store has no
 * {@code $text}, and real MongoDB runs the same queries (scanning the user's documents, which the
 * {@code tenantId, user} index prefix narrows).
 */
@Component
class StoreSearch implements ChatSearch {

    private static final String CONVERSATIONS = "conversations";
    private static final String MESSAGES = "messages";

    private final MongoTemplate mongo;

    StoreSearch(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Set<String> conversationIds(String tenantId, String user, String text, int limit) {
        Set<String> ids = new LinkedHashSet<>();
        Query titles = Query.query(mine(tenantId, user).andOperator(allWords("title", text)));
        titles.fields().include("conversationId");
        mongo.find(titles.limit(limit), Document.class, CONVERSATIONS).forEach(d -> ids.add(d.getString("conversationId")));
        if (ids.size() < limit) {
            messages(tenantId, user, text, limit).forEach(m -> ids.add(m.getString("conversationId")));
        }
        return ids;
    }

    @Override
    public List<Document> messages(String tenantId, String user, String text, int limit) {
        Criteria inText = new Criteria().andOperator(allWords("text", text));
        Criteria inParts = new Criteria().andOperator(allWords("content.text", text));
        Query query = Query.query(mine(tenantId, user).orOperator(inText, inParts));
        return mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit), Document.class, MESSAGES);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    private static Criteria mine(String tenantId, String user) {
        return Criteria.where("tenantId").is(tenantId).and("user").is(user);
    }

    private static Criteria[] allWords(String field, String text) {
        return words(text).stream().map(w -> Criteria.where(field).regex(Pattern.quote(w), "i")).toArray(Criteria[]::new);
    }

    static List<String> words(String text) {
        return List.of(text.trim().split("\\s+")).stream().filter(w -> !w.isEmpty()).limit(16).toList();
    }
}
