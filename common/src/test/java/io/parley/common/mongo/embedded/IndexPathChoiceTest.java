package io.parley.common.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which queries read an index lookup and which scan, seen from the server while a real driver asks. */
class IndexPathChoiceTest {

    private static final String CONVERSATIONS = "conversations";

    private EmbeddedStore store;
    private MongoCollection<Document> conversations;

    @BeforeEach
    void startStore() {
        store = EmbeddedStore.memory();
        conversations = store.database().getCollection(CONVERSATIONS);
        conversations.createIndex(Indexes.compoundIndex(Indexes.ascending("tenantId", "user"), Indexes.descending("updatedAt")),
                new IndexOptions().name("tenant_user_updated"));
        conversations.createIndex(Indexes.ascending("tenantId", "user", "conversationId"),
                new IndexOptions().name("tenant_user_convo").unique(true));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            documents.add(new Document("tenantId", i % 6 == 0 ? "t2" : "t1").append("user", "u" + (i % 5))
                    .append("conversationId", "c" + i).append("updatedAt", new Date(1_000L * (i % 7)))
                    .append("isArchived", i % 7 == 0).append("tags", i % 4 == 0 ? List.of("work", "x" + i) : List.of("home")));
        }
        conversations.insertMany(documents);
    }

    @AfterEach
    void stopStore() {
        store.close();
    }

    @Test
    void theConversationListOfOneUserReadsTheIndex() {
        Bson filter = new Document("tenantId", "t1").append("user", "u1").append("isArchived", new Document("$ne", true));

        List<Document> page = readingTheIndex(() -> conversations.find(filter)
                .sort(Sorts.orderBy(Sorts.descending("updatedAt"), Sorts.descending("_id"))).limit(26)
                .projection(Projections.include("conversationId", "updatedAt", "user")).into(new ArrayList<>()));

        assertThat(page).isNotEmpty().allSatisfy(convo -> assertThat(convo.getString("user")).isEqualTo("u1"));
        assertThat(page).extracting(convo -> convo.getDate("updatedAt")).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(page).isEqualTo(scanned(filter, Sorts.orderBy(Sorts.descending("updatedAt"), Sorts.descending("_id")), 26,
                Projections.include("conversationId", "updatedAt", "user")));
    }

    @Test
    void anEqOperatorPinsTheFieldLikeAPlainValue() {
        readingTheIndex(() -> conversations.find(new Document("tenantId", new Document("$eq", "t2"))).into(new ArrayList<>()));
    }

    @Test
    void aPrefixOfTheIndexedFieldsIsEnough() {
        List<Document> tenant = readingTheIndex(() -> conversations.find(new Document("tenantId", "t2")).into(new ArrayList<>()));

        assertThat(tenant).hasSize(10);
    }

    @Test
    void anArrayFieldIsFoundByEachOfItsElements() {
        conversations.createIndex(Indexes.ascending("tenantId", "tags"));

        List<Document> tagged = readingTheIndex(() ->
                conversations.find(new Document("tenantId", "t1").append("tags", "work")).into(new ArrayList<>()));

        assertThat(tagged).hasSize(10).allSatisfy(convo -> assertThat(convo.getList("tags", String.class)).contains("work"));
    }

    @Test
    void numbersOfDifferentTypesFindEachOther() {
        MongoCollection<Document> counters = store.database().getCollection("counters");
        counters.createIndex(Indexes.ascending("n"));
        counters.insertMany(List.of(new Document("n", 1), new Document("n", 1L), new Document("n", 1.0),
                new Document("n", List.of(2, 1.0)), new Document("n", "1"), new Document("n", 0.0), new Document("n", -0.0)));
        for (int other = 10; other < 30; other++) {
            counters.insertOne(new Document("n", other));
        }

        List<Document> ones = readingTheIndex("counters", () -> counters.find(new Document("n", 1L)).into(new ArrayList<>()));
        List<Document> zeros = readingTheIndex("counters", () -> counters.find(new Document("n", 0)).into(new ArrayList<>()));

        assertThat(ones).hasSize(4);
        assertThat(zeros).hasSize(2);
    }

    @Test
    void anExactMatchOnAUniqueIndexStaysWithTheLibrarysOwnIndex() {
        Bson filter = new Document("tenantId", "t1").append("user", "u1").append("conversationId", "c1");

        long before = store.queriesAnsweredFromIndexes(CONVERSATIONS);
        assertThat(conversations.find(filter).into(new ArrayList<>())).hasSize(1);
        assertThat(store.queriesAnsweredFromIndexes(CONVERSATIONS)).isEqualTo(before);
    }

    @Test
    void anIndexCreatedAfterTheDocumentsCoversThem() {
        conversations.createIndex(Indexes.ascending("conversationId"));

        List<Document> found = readingTheIndex(() -> conversations.find(new Document("conversationId", "c42")).into(new ArrayList<>()));

        assertThat(found).singleElement().satisfies(convo -> assertThat(convo.getString("user")).isEqualTo("u2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queriesThatScan")
    void everythingElseScansAndFindsTheSame(String description, Bson filter, Bson sort) {
        long before = store.queriesAnsweredFromIndexes(CONVERSATIONS);

        List<Document> found = conversations.find(filter).sort(sort).into(new ArrayList<>());

        assertThat(store.queriesAnsweredFromIndexes(CONVERSATIONS)).as(description).isEqualTo(before);
        assertThat(found).as(description).isNotEmpty();
    }

    static Stream<Arguments> queriesThatScan() {
        Bson none = new Document();
        return Stream.of(
                Arguments.of("leading field not pinned", new Document("user", "u1"), none),
                Arguments.of("$in", new Document("tenantId", new Document("$in", List.of("t1", "t2"))), none),
                Arguments.of("regular expression", new Document("tenantId", Pattern.compile("^t1")), none),
                Arguments.of("$eq next to another operator", new Document("tenantId", new Document("$eq", "t1").append("$exists", true)), none),
                Arguments.of("$or", new Document("$or", List.of(new Document("tenantId", "t1"), new Document("user", "u1"))), none),
                Arguments.of("sorted by $natural", new Document("tenantId", "t1"), new Document("$natural", -1)));
    }

    @Test
    void aLookupThatWouldReadMostOfTheCollectionIsLeftToTheScan() {
        long before = store.queriesAnsweredFromIndexes(CONVERSATIONS);

        List<Document> tenant = conversations.find(new Document("tenantId", "t1")).into(new ArrayList<>());

        assertThat(tenant).hasSize(50);
        assertThat(store.queriesAnsweredFromIndexes(CONVERSATIONS)).isEqualTo(before);
    }

    @Test
    void anArrayOrNullValueIsNotAnEqualityTheIndexCanServe() {
        long before = store.queriesAnsweredFromIndexes(CONVERSATIONS);

        conversations.find(new Document("tenantId", List.of("t1"))).into(new ArrayList<>());
        conversations.find(new Document("tenantId", null)).into(new ArrayList<>());

        assertThat(store.queriesAnsweredFromIndexes(CONVERSATIONS)).isEqualTo(before);
    }

    private List<Document> scanned(Bson filter, Bson sort, int limit, Bson projection) {
        MongoCollection<Document> plain = store.database().getCollection("plain_copy");
        plain.drop();
        plain.insertMany(conversations.find().sort(new Document("$natural", 1)).into(new ArrayList<>()));
        return plain.find(filter).sort(sort).limit(limit).projection(projection).into(new ArrayList<>());
    }

    private <T> T readingTheIndex(Supplier<T> query) {
        return readingTheIndex(CONVERSATIONS, query);
    }

    private <T> T readingTheIndex(String collection, Supplier<T> query) {
        long before = store.queriesAnsweredFromIndexes(collection);
        T result = query.get();
        assertThat(store.queriesAnsweredFromIndexes(collection)).as("queries answered from an index").isEqualTo(before + 1);
        return result;
    }
}
