package io.parley.chat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.chat.ChatIntegrationTest;
import io.parley.common.error.ApiException;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The unique-per-tenant index, its replacement of the per-user one, and a racing insert, on the embedded store. */
class TenantUniqueIdsIntegrationTest extends ChatIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    private String collection;
    private TenantUniqueIds ids;

    @BeforeEach
    void scratchCollection() {
        collection = "tenant_unique_ids_" + new ObjectId().toHexString();
        ids = new TenantUniqueIds(mongo, collection, "thingId", "Thing not found");
    }

    @Test
    void theChatCollectionsAreUniquePerTenantAndNoLongerPerUser() {
        assertThat(unique("conversations")).contains("tenant_convo").doesNotContain("tenant_user_convo");
        assertThat(unique("messages")).contains("tenant_message").doesNotContain("tenant_user_message");
        assertThat(unique("presets")).contains("tenant_preset").doesNotContain("tenant_user_preset");
    }

    @Test
    void thePerUserUniqueIndexOfStoredDataIsReplaced() {
        mongo.indexOps(collection).createIndex(perUser());
        mongo.insert(thing("acme", "ada", "t1"), collection);

        ids.ensureIndex("tenant_thing", "tenant_user_thing");
        ids.ensureIndex("tenant_thing", "tenant_user_thing");

        assertThat(unique(collection)).contains("tenant_thing").doesNotContain("tenant_user_thing");
        assertThat(mongo.count(new Query(), collection)).isEqualTo(1);
    }

    @Test
    void storedDataHoldingAnIdUnderTwoUsersKeepsThePerUserIndex() {
        mongo.indexOps(collection).createIndex(perUser());
        mongo.insert(thing("acme", "ada", "t1"), collection);
        mongo.insert(thing("acme", "bob", "t1"), collection);

        ids.ensureIndex("tenant_thing", "tenant_user_thing");

        assertThat(unique(collection)).contains("tenant_user_thing").doesNotContain("tenant_thing");
        assertThatThrownBy(() -> ids.requireNotAnothers("acme", "ada", "t1")).isInstanceOf(ApiException.NotFound.class);
    }

    @Test
    void anotherUsersInsertRacingAnUpsertIsNotFoundAndWritesNothing() {
        ids.ensureIndex("tenant_thing", "tenant_user_thing");

        assertThatThrownBy(() -> ids.write("acme", "bob", "t1", () -> {
            // Ada's insert lands after Bob's check and before his upsert.
            mongo.insert(thing("acme", "ada", "t1"), collection);
            return upsert("acme", "bob", "t1");
        })).isInstanceOf(ApiException.NotFound.class).hasMessage("Thing not found");

        assertThat(mongo.find(new Query(), Document.class, collection)).extracting(d -> d.getString("user"))
                .containsExactly("ada");
    }

    @Test
    void theCallersOwnRacingInsertTurnsTheWriteIntoAnUpdate() {
        ids.ensureIndex("tenant_thing", "tenant_user_thing");
        boolean[] raced = {false};

        Document written = ids.write("acme", "ada", "t1", () -> {
            if (!raced[0]) {
                raced[0] = true;
                mongo.insert(thing("acme", "ada", "t1"), collection);
                return mongo.insert(thing("acme", "ada", "t1"), collection);
            }
            return upsert("acme", "ada", "t1");
        });

        assertThat(written.getString("user")).isEqualTo("ada");
        assertThat(mongo.count(new Query(), collection)).isEqualTo(1);
    }

    @Test
    void theSameIdInAnotherTenantIsFree() {
        ids.ensureIndex("tenant_thing", "tenant_user_thing");
        mongo.insert(thing("acme", "ada", "t1"), collection);

        Document written = ids.write("globex", "bob", "t1", () -> upsert("globex", "bob", "t1"));

        assertThat(written.getString("tenantId")).isEqualTo("globex");
        assertThat(mongo.count(new Query(), collection)).isEqualTo(2);
    }

    private Document upsert(String tenantId, String user, String thingId) {
        return mongo.findAndModify(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)
                        .and("thingId").is(thingId)), new Update().set("touched", true),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, collection);
    }

    private static Document thing(String tenantId, String user, String thingId) {
        return new Document("tenantId", tenantId).append("user", user).append("thingId", thingId);
    }

    private static Index perUser() {
        return new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC).on("thingId", Sort.Direction.ASC)
                .unique().named("tenant_user_thing");
    }

    private List<String> unique(String name) {
        return mongo.indexOps(name).getIndexInfo().stream().filter(IndexInfo::isUnique).map(IndexInfo::getName).toList();
    }
}
