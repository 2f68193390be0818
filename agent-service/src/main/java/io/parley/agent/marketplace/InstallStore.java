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
 * {@code agent_installs}: one {@link Install} per person and agent, stored as
 * {@code {tenantId, user, agent, agentId, installedAt}} behind a unique index, so installing again changes
 * nothing. The only place installs become documents.
 */
@Repository
class InstallStore implements InitializingBean {

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

    /** Idempotent: an upsert behind the unique index; installing again keeps the first install's time. */
    void install(Install install) {
        mongo.upsert(one(install.tenantId(), install.user(), install.agent()), new Update()
                .setOnInsert("agentId", install.agentId()).setOnInsert("installedAt", Date.from(install.installedAt())),
                COLLECTION);
    }

    void uninstall(String tenantId, String user, ObjectId agent) {
        mongo.remove(one(tenantId, user, agent), COLLECTION);
    }

    /** Which of {@code agents} the person installed. */
    Set<ObjectId> installedOf(String tenantId, String user, Collection<ObjectId> agents) {
        return agents(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("agent").in(agents)));
    }

    /** Every agent the person installed. */
    Set<ObjectId> installed(String tenantId, String user) {
        return agents(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)));
    }

    /** A person's installs, all of them; returns how many. */
    long deleteForUser(String tenantId, String user) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user)), COLLECTION)
                .getDeletedCount();
    }

    /** Everyone's installs of these agents; returns how many. */
    long deleteForAgents(String tenantId, Collection<ObjectId> agents) {
        return mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId).and("agent").in(agents)), COLLECTION)
                .getDeletedCount();
    }

    private Set<ObjectId> agents(Query installs) {
        installs.fields().include("agent");
        Set<ObjectId> agents = new HashSet<>();
        mongo.find(installs, Document.class, COLLECTION).forEach(install -> agents.add(install.getObjectId("agent")));
        return agents;
    }

    private static Query one(String tenantId, String user, ObjectId agent) {
        return Query.query(Criteria.where("tenantId").is(tenantId).and("user").is(user).and("agent").is(agent));
    }
}
