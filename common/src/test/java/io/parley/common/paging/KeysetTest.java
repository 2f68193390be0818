package io.parley.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.parley.common.error.ApiException;
import io.parley.common.paging.Keyset.Key;
import io.parley.common.paging.Keyset.Kind;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Paging through a list page by page shows each item once, in the order one query would give. */
class KeysetTest {

    private static final String ITEMS = "items";
    private static MongoServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new MongoTemplate(client, "keyset_test");
        Random random = new Random(7);
        long base = 1_700_000_000_000L;
        for (int i = 0; i < 120; i++) {
            Document item = new Document("_id", new ObjectId()).append("n", i);
            if (random.nextInt(8) != 0) { // a few have no date
                item.append("updatedAt", new Date(base + random.nextInt(10) * 1000L)); // many equal dates
            }
            item.append("title", random.nextInt(6) == 0 ? null : "t" + random.nextInt(4));
            if (random.nextBoolean()) { // a flag may be missing
                item.append("is_promoted", random.nextInt(3) == 0);
            }
            mongo.insert(item, ITEMS);
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void newestFirstPagesShowEveryItemOnceInOrder() {
        assertPagesMatchOneQuery(Keyset.of(Key.newestFirst("updatedAt")));
    }

    @Test
    void oldestFirstAndTextOrdersPageTheSameWay() {
        assertPagesMatchOneQuery(Keyset.of(new Key("updatedAt", Kind.DATE, true)));
        assertPagesMatchOneQuery(Keyset.of(new Key("title", Kind.TEXT, true)));
        assertPagesMatchOneQuery(Keyset.of(new Key("title", Kind.TEXT, false)));
    }

    @Test
    void promotedFirstThenNewestPagesShowEveryItemOnceInOrder() {
        assertPagesMatchOneQuery(Keyset.of(new Key("is_promoted", Kind.FLAG, false), Key.newestFirst("updatedAt")));
    }

    @Test
    void aCursorThatWasNotGivenOutIsTheCallersMistake() {
        Keyset order = Keyset.of(Key.newestFirst("updatedAt"));

        assertThat(order.after(null)).isEmpty();
        assertThat(order.after(" ")).isEmpty();
        for (String bad : List.of("not base64!", Base64.getEncoder().encodeToString("{}".getBytes()),
                Base64.getEncoder().encodeToString("{\"updatedAt\":\"yesterday\",\"_id\":\"x\"}".getBytes()))) {
            assertThatThrownBy(() -> order.after(bad)).isInstanceOf(ApiException.Invalid.class)
                    .hasMessageContaining("cursor");
        }
    }

    @Test
    void theCursorIsLibreChatsBase64JsonOfTheSortValuesAndTheId() {
        Document last = new Document("_id", new ObjectId("65a000000000000000000001"))
                .append("updatedAt", new Date(1_700_000_000_000L)).append("is_promoted", true);

        String cursor = Keyset.of(new Key("is_promoted", Kind.FLAG, false), Key.newestFirst("updatedAt")).cursorAfter(last);

        assertThat(new String(Base64.getDecoder().decode(cursor)))
                .isEqualTo("{\"is_promoted\":true,\"updatedAt\":\"2023-11-14T22:13:20Z\",\"_id\":\"65a000000000000000000001\"}");
    }

    @Test
    void aPageIsTheFetchedItemsUpToItsSizeWithACursorOnlyWhenOneMoreWasFetched() {
        Keyset order = Keyset.of(Key.newestFirst("updatedAt"));
        List<Document> fetched = mongo.find(new Query().with(order.sort()).limit(6), Document.class, ITEMS);

        Keyset.Page full = order.page(fetched, 5);
        assertThat(full.items()).isEqualTo(fetched.subList(0, 5));
        assertThat(full.nextCursor()).isEqualTo(order.cursorAfter(fetched.get(4)));
        Keyset.Page last = order.page(fetched.subList(0, 5), 5);
        assertThat(last.items()).hasSize(5);
        assertThat(last.nextCursor()).isNull();
    }

    private static void assertPagesMatchOneQuery(Keyset order) {
        List<Integer> expected = mongo.find(new Query().with(order.sort()), Document.class, ITEMS).stream()
                .map(d -> d.getInteger("n")).toList();
        for (int size : new int[] {1, 7, 25}) {
            List<Integer> paged = new ArrayList<>();
            String cursor = null;
            do {
                Query query = new Query();
                Optional<Criteria> after = order.after(cursor);
                after.ifPresent(query::addCriteria);
                List<Document> page = mongo.find(query.with(order.sort()).limit(size), Document.class, ITEMS);
                page.forEach(d -> paged.add(d.getInteger("n")));
                cursor = page.size() < size ? null : order.cursorAfter(page.getLast());
            } while (cursor != null);
            assertThat(paged).as("pages of %d", size).isEqualTo(expected);
        }
    }
}
