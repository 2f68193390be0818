package io.parley.agent.marketplace;

import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * {@code agent_installs}: which person installed which agent from the marketplace,
 * {@code {tenantId, user, agent (the agent's _id), agentId, installedAt}}, one per person and agent
 * (unique index), so installing again changes nothing.
 */
@Repository
public class InstallStore implements InitializingBean {

    static final String COLLECTION = "agent_installs";

    private final MongoTemplate mongo;

    InstallStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("user", Sort.Direction.ASC)
                .on("agent", Sort.Direction.ASC).unique().named("tenant_user_agent"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("tenantId", Sort.Direction.ASC).on("agent", Sort.Direction.ASC)
                .named("tenant_agent"));
    }

    /** Idempotent: an upsert behind the unique index. */
    void install(String tenantId, String user, ObjectId agent, String agentId) {
        mongo.upsert(one(tenantId, user, agent), new Update().setOnInsert("agentId", agentId)
                .setOnInsert("installedAt", new Date()), COLLECTION);
    }

    void uninstall(String tenantId, String user, ObjectId agent) {
        mongo.remove(one(tenantId, user, agent), COLLECTION);
    }

    /** Which of {@code agents} the person installed. */
    Set<ObjectId> installedOf(String tenantId, String user, Collection<ObjectId> agents) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("agent").in(agents));
        query.fields().include("agent");
        Set<ObjectId> installed = new HashSet<>();
        mongo.find(query, Document.class, COLLECTION).forEach(d -> installed.add(d.getObjectId("agent")));
        return installed;
    }

    /** Every agent the person installed. */
    Set<ObjectId> installed(String tenantId, String user) {
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user));
        query.fields().include("agent");
        Set<ObjectId> installed = new HashSet<>();
        mongo.find(query, Document.class, COLLECTION).forEach(d -> installed.add(d.getObjectId("agent")));
        return installed;
    }

    /** A deleted person's installs (account deletion). */
    public long deleteForUser(String tenantId, String user) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)), COLLECTION)
                .getDeletedCount();
    }

    /** Everyone's installs of agents that are gone. */
    public long deleteForAgents(String tenantId, Collection<ObjectId> agents) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("agent").in(agents)), COLLECTION)
                .getDeletedCount();
    }

    private static Query one(String tenantId, String user, ObjectId agent) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("agent").is(agent));
    }
}
