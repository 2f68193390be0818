package io.parley.agent.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.agent.AgentIntegrationTest;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

class AgentStoredFieldsIntegrationTest extends AgentIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void anEditKeepsStoredFieldsParleyDoesNotTypeAndExplicitNullsWithoutAnsweringThem() {
        Person ada = user();
        String id = createAgent(ada).get("id").asString();
        Query agent = Query.query(Criteria.where("tenantId").is(tenant).and("id").is(id));
        mongo.updateFirst(agent, new Update().set("projectIds", List.of("p1")).set("artifacts", null), "agents");

        JsonNode changed = send(ada, "PATCH", "/api/agents/" + id, "{\"name\":\"Renamed\"}").json();

        assertThat(changed.get("name").asString()).isEqualTo("Renamed");
        assertThat(changed.has("projectIds")).isFalse();
        assertThat(changed.has("artifacts")).isFalse();
        Document stored = mongo.findOne(agent, Document.class, "agents");
        assertThat(stored.get("projectIds")).isEqualTo(List.of("p1"));
        assertThat(stored).containsKey("artifacts");
        assertThat(stored.get("artifacts")).isNull();
        assertThat(stored.getString("name")).isEqualTo("Renamed");
    }
}
