package io.parley.auth.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.security.CurrentUser;
import java.time.Instant;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The effective permission is the OR over the entries for the user, the user's groups, the user's
 * role and the public, on the real store. Each principal kind holds its own bit, so every one of the
 * 16 combinations shows which entries counted.
 */
class AccessTruthTableIntegrationTest extends AuthIntegrationTest {

    private static final String TENANT = "truth-table";

    @Autowired
    Access access;
    @Autowired
    AclStore acl;
    @Autowired
    MongoTemplate mongo;

    private final String userId = new ObjectId().toHexString();
    private final String groupId = new ObjectId().toHexString();
    private final CurrentUser member = new CurrentUser(userId, TENANT, "EDITORS", null, null, "local", null);

    private static AccessRole bit(int bit) {
        return new AccessRole("test_" + bit, "test", "test", bit);
    }

    private void makeMember() {
        mongo.upsert(Query.query(Criteria.where("_id").is(new ObjectId(groupId))), new Update()
                .set("tenantId", TENANT).set("name", "g-" + groupId).set("memberIds", java.util.List.of(userId)), "groups");
    }

    @Test
    void everyCombinationOfUserGroupRoleAndPublicEntriesAddsUpToTheOrOfTheirBits() {
        makeMember();
        for (int mask = 0; mask <= PermissionBits.ALL; mask++) {
            String resource = "r-" + UUID.randomUUID();
            Instant now = Instant.now();
            if ((mask & 1) != 0) {
                acl.put(TENANT, ResourceType.AGENT, resource, Principal.user(userId), bit(1), "t", now);
            }
            if ((mask & 2) != 0) {
                acl.put(TENANT, ResourceType.AGENT, resource, Principal.group(groupId), bit(2), "t", now);
            }
            if ((mask & 4) != 0) {
                acl.put(TENANT, ResourceType.AGENT, resource, Principal.role("EDITORS"), bit(4), "t", now);
            }
            if ((mask & 8) != 0) {
                acl.put(TENANT, ResourceType.AGENT, resource, Principal.PUBLIC, bit(8), "t", now);
            }

            assertThat(access.bits(member, ResourceType.AGENT, resource)).as("entries %s", mask).isEqualTo(mask);
        }
    }

    @Test
    void entriesForOtherPrincipalsOtherTenantsAndOtherTypesGiveNothing() {
        makeMember();
        String resource = "r-" + UUID.randomUUID();
        Instant now = Instant.now();
        acl.put(TENANT, ResourceType.AGENT, resource, Principal.user(new ObjectId().toHexString()), bit(15), "t", now);
        acl.put(TENANT, ResourceType.AGENT, resource, Principal.group(new ObjectId().toHexString()), bit(15), "t", now);
        acl.put(TENANT, ResourceType.AGENT, resource, Principal.role("USER"), bit(15), "t", now);
        acl.put("another-tenant", ResourceType.AGENT, resource, Principal.user(userId), bit(15), "t", now);
        acl.put("another-tenant", ResourceType.AGENT, resource, Principal.PUBLIC, bit(15), "t", now);
        acl.put(TENANT, ResourceType.PROMPT_GROUP, resource, Principal.user(userId), bit(15), "t", now);

        assertThat(access.bits(member, ResourceType.AGENT, resource)).isZero();
    }

    @Test
    void anAdminHasEveryBitWithoutAnyEntry() {
        CurrentUser admin = new CurrentUser(new ObjectId().toHexString(), TENANT, "ADMIN", null, null, "local", null);

        assertThat(access.bits(admin, ResourceType.MCP_SERVER, "r-" + UUID.randomUUID())).isEqualTo(PermissionBits.ALL);
    }
}
