package io.parley.common.mongo.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index path changes speed, never answers: random documents, indexes, queries and writes, each run against
 * a collection with the indexes on our backend and a copy without them on the library's own backend of the same
 * kind, must give the same documents in the same order, the same counts and the same failures. Unique indexes are
 * the exception: some cases create them on both sides, our in-memory ones and the library's, which must refuse the
 * same writes (and fail to build on the same duplicates).
 *
 * <p>Seeded: a failure names its backend, seed, step and operation; {@code CASES} cases per backend.
 */
class IndexPathPropertyTest {

    private static final int CASES = 150;
    private static final String DUPLICATE_KEY = "failed with code 11000";
    private static final long FIRST_SEED = 20_261_128L;

    private static final List<Object> TENANTS = List.of("t1", "t1", "t2", "t3");
    private static final ObjectId SOMEONE = new ObjectId("5f0000000000000000000001");
    private static final List<Object> USERS = List.of("u1", "u2", "u3", "u4", 7, 7L, 7.0, SOMEONE);
    private static final List<Object> TAGS = List.of("a", "b", "c", 1, 1L, 2.0, -0.0, 0, "");
    private static final long BEYOND_DOUBLE = (1L << 53) + 1;
    private static final List<Object> NUMBERS = List.of(0, -0.0, 0L, 1, 1L, 1.0, 2, 2.5, BEYOND_DOUBLE, (double) (1L << 53),
            Double.NaN, -3);
    private static final List<Object> DATES = List.of(new Date(1_000), new Date(2_000), new Date(3_000), new Date(4_000));
    /** Indexes the case may create, in the shapes the services use plus multikey, dotted and unique ones. */
    private static final List<Document> INDEXES = List.of(
            new Document("tenantId", 1).append("user", 1).append("updatedAt", -1),
            new Document("tenantId", 1).append("tags", 1),
            new Document("user", 1).append("tags", 1),
            new Document("n", 1),
            new Document("flag", 1).append("nested.a", 1),
            new Document("nested.a", 1),
            new Document("updatedAt", -1).append("_id", -1));
    /**
     * Unique indexes, created on both sides (the reference's are the library's own): they must refuse the same writes.
     * Most collide often (few distinct values; numbers equal across int, long and double), so each is rare in a case.
     */
    private static final List<UniqueIndex> UNIQUE_INDEXES = List.of(
            new UniqueIndex(new Document("n", 1), true),
            new UniqueIndex(new Document("n", 1), false),
            new UniqueIndex(new Document("user", 1).append("updatedAt", -1), false),
            new UniqueIndex(new Document("flag", 1).append("nested.a", 1), true),
            new UniqueIndex(new Document("tenantId", 1).append("tags", 1), true),
            new UniqueIndex(new Document("seq", 1).append("tenantId", 1), false));

    @TempDir
    Path folder;

    @Test
    void theMemoryBackendAnswersAsTheLibrarysScanDoes() {
        try (EmbeddedStore store = EmbeddedStore.memory(); EmbeddedStore reference = EmbeddedStore.of(new MemoryBackend())) {
            runCases(store, reference, "memory");
        }
    }

    @Test
    void theH2BackendAnswersAsTheLibrarysScanDoes() {
        try (EmbeddedStore store = EmbeddedStore.h2(folder.resolve("property.mv.db"));
             EmbeddedStore reference = EmbeddedStore.of(H2Backend.inMemory())) {
            runCases(store, reference, "h2");
        }
    }

    private void runCases(EmbeddedStore store, EmbeddedStore reference, String backend) {
        long indexedReads = 0;
        long duplicatesRefused = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = FIRST_SEED + i;
            Case randomCase = new Case(store, reference, new Random(seed), backend + " seed " + seed, i);
            indexedReads += randomCase.run();
            duplicatesRefused += randomCase.duplicatesRefused;
        }
        assertThat(indexedReads).as("queries that took the index path").isGreaterThan(CASES * 4L);
        assertThat(duplicatesRefused).as("writes and index builds both sides refused as duplicates").isGreaterThan(CASES / 10);
    }

    private record UniqueIndex(Document keys, boolean sparse) {
    }

    /** One collection and the database it is in, to run commands against. */
    private record Side(MongoDatabase database, MongoCollection<Document> collection) {
    }

    /** One random collection pair, filled, queried and written to in the same way. */
    private static final class Case {

        private final EmbeddedStore store;
        private final Random random;
        private final String name;
        private final String collectionName;
        private final Side indexedSide;
        private final Side plainSide;
        private final MongoCollection<Document> indexed;
        private final MongoCollection<Document> plain;
        private int nextSeq;
        private int step;
        private int duplicatesRefused;

        Case(EmbeddedStore store, EmbeddedStore reference, Random random, String name, int number) {
            this.store = store;
            this.random = random;
            this.name = name;
            this.collectionName = "case_" + number;
            this.indexed = store.database().getCollection(collectionName);
            this.plain = reference.database().getCollection(collectionName);
            this.indexedSide = new Side(store.database(), indexed);
            this.plainSide = new Side(reference.database(), plain);
        }

        /** @return how many reads of the indexed collection took the index path */
        long run() {
            boolean indexesFirst = random.nextBoolean();
            if (indexesFirst) {
                createIndexes();
            }
            List<Document> documents = new ArrayList<>();
            for (int i = random.nextInt(120) + 5; i > 0; i--) {
                documents.add(randomDocument(randomId()));
            }
            agree("insert", side -> {
                side.collection().insertMany(documents.stream().map(Document::new).toList());
                return "inserted";
            });
            if (!indexesFirst) {
                createIndexes();
            }
            for (int round = 0; round < 12; round++) {
                if (random.nextInt(3) == 0) {
                    write();
                    compareContents();
                } else {
                    read();
                }
            }
            long answered = store.queriesAnsweredFromIndexes(collectionName);
            indexed.drop();
            plain.drop();
            return answered;
        }

        private void createIndexes() {
            for (Document keys : INDEXES) {
                if (random.nextInt(3) > 0) {
                    indexed.createIndex(keys);
                }
            }
            if (random.nextBoolean()) {
                indexed.createIndex(new Document("tenantId", 1).append("seq", 1), new IndexOptions().unique(true));
            }
            for (UniqueIndex unique : UNIQUE_INDEXES) {
                if (random.nextInt(6) == 0) {
                    IndexOptions options = new IndexOptions().unique(true).sparse(unique.sparse())
                            .name("unique_" + UNIQUE_INDEXES.indexOf(unique));
                    agree("create unique index " + unique, side -> side.collection().createIndex(unique.keys(), options));
                }
            }
        }

        private void read() {
            Document filter = randomFilter();
            Document sort = randomSort();
            int skip = random.nextInt(3) == 0 ? random.nextInt(6) : 0;
            int limit = random.nextInt(5) < 3 ? random.nextInt(30) : 0;
            Document projection = switch (random.nextInt(6)) {
                case 0 -> new Document("tenantId", 1).append("n", 1);
                case 1 -> new Document("tags", 0);
                default -> null;
            };
            String what = "find " + filter.toJson() + " sort " + sort.toJson() + " skip " + skip + " limit " + limit;
            agree(what, side -> {
                FindIterable<Document> find = side.collection().find(filter).sort(sort).skip(skip).limit(limit);
                return (projection == null ? find : find.projection(projection)).into(new ArrayList<>());
            });
            if (random.nextInt(4) == 0) {
                agree("count " + filter.toJson(), side -> side.database()
                        .runCommand(new Document("count", collectionName).append("query", filter)).get("n"));
            }
            if (random.nextInt(4) == 0) {
                agree("distinct tags " + filter.toJson(),
                        side -> side.collection().distinct("tags", filter, BsonValue.class).into(new ArrayList<>()));
            }
        }

        private void write() {
            Document filter = randomFilter();
            int kind = random.nextInt(9);
            String what = "write " + kind + " " + filter.toJson();
            switch (kind) {
                case 0 -> {
                    Document update = randomUpdate();
                    agree(what + " updateMany " + update.toJson(), side -> side.collection().updateMany(filter, update).toString());
                }
                case 1 -> {
                    Document update = randomUpdate();
                    agree(what + " updateOne " + update.toJson(), side -> side.collection().updateOne(filter, update).toString());
                }
                case 2 -> agree(what + " deleteOne", side -> side.collection().deleteOne(filter).getDeletedCount());
                case 3 -> {
                    // rarely: a broad filter would empty the collection early
                    if (random.nextInt(3) == 0) {
                        agree(what + " deleteMany", side -> side.collection().deleteMany(filter).getDeletedCount());
                    }
                }
                case 4 -> {
                    Object id = randomId();
                    Document upsertFilter = new Document("_id", id).append("tenantId", pick(TENANTS)).append("user", pick(USERS));
                    Document update = new Document("$set", new Document("n", pick(NUMBERS)).append("seq", nextSeq++)
                            .append("tags", List.of(pick(TAGS))));
                    agree(what + " upsert " + upsertFilter.toJson(), side ->
                            side.collection().updateOne(upsertFilter, update, new UpdateOptions().upsert(true)).toString());
                }
                case 5 -> {
                    Document replacement = randomDocument(null);
                    replacement.remove("_id");
                    boolean upsert = random.nextBoolean();
                    Document byId = new Document("_id", random.nextBoolean() ? randomId() : anyStoredId());
                    agree(what + " replaceOne " + byId.toJson(), side -> side.collection()
                            .replaceOne(byId, new Document(replacement), new ReplaceOptions().upsert(upsert)).toString());
                }
                case 6 -> {
                    Document update = randomUpdate();
                    Document sort = random.nextBoolean() ? new Document("seq", -1) : new Document();
                    ReturnDocument returned = random.nextBoolean() ? ReturnDocument.AFTER : ReturnDocument.BEFORE;
                    agree(what + " findOneAndUpdate " + update.toJson(), side -> side.collection().findOneAndUpdate(filter, update,
                            new FindOneAndUpdateOptions().sort(sort).returnDocument(returned)));
                }
                case 7 -> {
                    Document replacement = randomDocument(null);
                    replacement.remove("_id");
                    agree(what + " findOneAndReplace", side -> side.collection().findOneAndReplace(filter,
                            new Document(replacement), new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER)));
                }
                default -> agree(what + " findOneAndDelete", side -> side.collection().findOneAndDelete(filter));
            }
        }

        private void compareContents() {
            agree("whole collection after the write", side -> side.collection().find().into(new ArrayList<>()));
        }

        /** Runs the operation on both sides; the same result (or the same failure) expected. */
        private void agree(String what, Function<Side, Object> operation) {
            step++;
            Object fromIndexed = outcome(indexedSide, operation);
            Object fromPlain = outcome(plainSide, operation);
            assertThat(fromIndexed).as("%s step %d: %s", name, step, what).isEqualTo(fromPlain);
            if (DUPLICATE_KEY.equals(fromPlain)) {
                duplicatesRefused++;
            }
        }

        private static Object outcome(Side side, Function<Side, Object> operation) {
            try {
                Object result = operation.apply(side);
                return result == null ? "nothing" : result;
            } catch (MongoException e) {
                return "failed with code " + e.getCode();
            }
        }

        private Document randomDocument(Object id) {
            Document document = new Document("_id", id).append("seq", nextSeq++);
            maybe(document, "tenantId", () -> pick(TENANTS));
            maybe(document, "user", this::randomUser);
            maybe(document, "tags", this::randomTags);
            maybe(document, "n", () -> pick(NUMBERS));
            maybe(document, "updatedAt", () -> pick(DATES));
            maybe(document, "flag", random::nextBoolean);
            if (random.nextInt(4) == 0) {
                document.append("nested", new Document("a", random.nextBoolean() ? "x" : List.of("x", "y")));
            }
            return document;
        }

        /** Mostly present; sometimes missing, sometimes null. */
        private void maybe(Document document, String field, Supplier<Object> value) {
            int dice = random.nextInt(20);
            if (dice == 0) {
                return;
            }
            document.append(field, dice == 1 ? null : value.get());
        }

        private Object randomUser() {
            return switch (random.nextInt(12)) {
                case 0 -> List.of(pick(USERS), pick(USERS));
                case 1 -> new Document("id", pick(USERS));
                default -> pick(USERS);
            };
        }

        private Object randomTags() {
            return switch (random.nextInt(10)) {
                case 0 -> pick(TAGS);
                case 1 -> List.of(List.of(pick(TAGS)), pick(TAGS));
                case 2 -> List.of(new Document("k", pick(TAGS)), pick(TAGS));
                case 3 -> List.of();
                case 4 -> new ArrayList<>(Arrays.asList(pick(TAGS), null));
                default -> {
                    List<Object> tags = new ArrayList<>();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        tags.add(pick(TAGS));
                    }
                    yield tags;
                }
            };
        }

        private Object randomId() {
            return switch (random.nextInt(6)) {
                case 0 -> nextSeq + 100_000;
                case 1 -> "id-" + nextSeq;
                default -> new ObjectId();
            };
        }

        private Object anyStoredId() {
            List<Document> ids = plain.find().projection(new Document("_id", 1)).into(new ArrayList<>());
            return ids.isEmpty() ? randomId() : ids.get(random.nextInt(ids.size())).get("_id");
        }

        private Document randomFilter() {
            Document filter = new Document();
            for (int conditions = random.nextInt(4) + (random.nextInt(5) == 0 ? 0 : 1); conditions > 0; conditions--) {
                switch (random.nextInt(8)) {
                    case 0, 1 -> filter.append("tenantId", equality(pick(TENANTS), "t9"));
                    case 2 -> filter.append("user", equality(pick(USERS), "u9"));
                    case 3 -> filter.append("tags", equality(pick(TAGS), "z"));
                    case 4 -> filter.append("n", equality(pick(NUMBERS), 99));
                    case 5 -> filter.append("updatedAt", equality(pick(DATES), new Date(9_000)));
                    case 6 -> filter.append("flag", equality(random.nextBoolean(), "yes"));
                    default -> filter.append("seq", equality(random.nextInt(Math.max(nextSeq, 1)), -1));
                }
            }
            if (random.nextInt(8) == 0) {
                filter.append("$or", List.of(new Document("tenantId", pick(TENANTS)), new Document("user", pick(USERS))));
            }
            if (random.nextInt(10) == 0) {
                filter.append("nested.a", "x");
            }
            return filter;
        }

        /** Mostly a plain or $eq equality; sometimes something only a scan can answer. */
        private Object equality(Object value, Object absent) {
            return switch (random.nextInt(16)) {
                case 0 -> new Document("$eq", value);
                case 1 -> absent;
                case 2 -> null;
                case 3 -> new Document("$in", List.of(value, absent));
                case 4 -> new Document("$ne", value);
                case 5 -> List.of(value);
                case 6 -> value instanceof String text ? Pattern.compile("^" + Pattern.quote(text)) : new Document("$gte", value);
                case 7 -> new Document("$exists", true);
                default -> value;
            };
        }

        private Document randomSort() {
            return switch (random.nextInt(9)) {
                case 0 -> new Document("updatedAt", -1).append("_id", -1);
                case 1 -> new Document("updatedAt", 1);
                case 2 -> new Document("n", 1);
                case 3 -> new Document("tags", -1);
                case 4 -> new Document("$natural", -1);
                case 5 -> new Document("user", 1).append("seq", -1);
                default -> new Document();
            };
        }

        private Document randomUpdate() {
            return switch (random.nextInt(8)) {
                case 0 -> new Document("$set", new Document("user", randomUser()));
                case 1 -> new Document("$set", new Document("tenantId", pick(TENANTS)));
                case 2 -> new Document("$unset", new Document("user", ""));
                case 3 -> new Document("$push", new Document("tags", pick(TAGS)));
                case 4 -> new Document("$pull", new Document("tags", pick(TAGS)));
                case 5 -> new Document("$set", new Document("tags", randomTags()));
                case 6 -> new Document("$inc", new Document("n", 1));
                default -> new Document("$set", new Document("updatedAt", pick(DATES)).append("flag", random.nextBoolean()));
            };
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
