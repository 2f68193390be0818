package io.parley.auth.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** {@code /api/admin/groups} over real HTTP; the first person of each tenant is its ADMIN. */
class GroupsIntegrationTest extends AuthIntegrationTest {

    private static final String UNKNOWN_ID = "000000000000000000000000";

    @Autowired
    Groups groups;
    @Autowired
    MongoTemplate mongo;

    record Person(String tenant, String id, String token) {
    }

    private Person person(String tenant) {
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", tenant);
        JsonNode session = login(email, PASSWORD, "X-Parley-Tenant", tenant).json();
        return new Person(tenant, session.at("/user/id").asString(), session.get("token").asString());
    }

    private Http.Response send(Person caller, String method, String path, String body) {
        return http.send(method, path, body, "Authorization", "Bearer " + caller.token());
    }

    private Http.Response get(Person caller, String path) {
        return http.get(path, "Authorization", "Bearer " + caller.token());
    }

    private JsonNode create(Person admin, String name) {
        Http.Response created = send(admin, "POST", "/api/admin/groups", "{\"name\":\"%s\"}".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        return created.json();
    }

    private Http.Response addMembers(Person caller, String groupId, String... userIds) {
        String ids = String.join(",", java.util.Arrays.stream(userIds).map(id -> "\"" + id + "\"").toList());
        return send(caller, "POST", "/api/admin/groups/" + groupId + "/members", "{\"userIds\":[" + ids + "]}");
    }

    private static List<String> names(Http.Response list) {
        List<String> names = new ArrayList<>();
        list.json().get("groups").forEach(group -> names.add(group.get("name").asString()));
        return names;
    }

    private static List<String> members(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.get("memberIds").forEach(id -> ids.add(id.asString()));
        return ids;
    }

    @Test
    void anAdminCreatesAGroupWithATrimmedNameAndNoMembers() {
        Person admin = person(uniqueTenant());

        Http.Response created = send(admin, "POST", "/api/admin/groups", """
                {"name":"  Research  ","description":"The lab"}""");

        assertThat(created.status()).isEqualTo(201);
        JsonNode group = created.json();
        assertThat(group.get("id").asString()).hasSize(24);
        assertThat(group.get("name").asString()).isEqualTo("Research");
        assertThat(group.get("description").asString()).isEqualTo("The lab");
        assertThat(group.get("memberIds").isArray()).isTrue();
        assertThat(group.get("memberIds").size()).isZero();
        assertThat(group.get("source").asString()).isEqualTo("local");
        assertThat(group.get("createdAt").asString()).isNotEmpty();
        assertThat(group.get("updatedAt").asString()).isNotEmpty();
        assertThat(get(admin, "/api/admin/groups/" + group.get("id").asString()).json()).isEqualTo(group);
        assertThat(mongo.count(Query.query(Criteria.where("tenantId").is(admin.tenant())), "groups")).isEqualTo(1);
    }

    @Test
    void aGroupWithoutDescriptionHasAnEmptyOne() {
        Person admin = person(uniqueTenant());

        assertThat(create(admin, "Ops").get("description").asString()).isEmpty();
    }

    @Test
    void aDuplicateNameInTheSameTenantConflictsButAnotherTenantMayUseIt() {
        Person admin = person(uniqueTenant());
        Person otherAdmin = person(uniqueTenant());
        create(admin, "Research");

        Http.Response duplicate = send(admin, "POST", "/api/admin/groups", "{\"name\":\" Research \"}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error").asString()).isEqualTo("conflict");
        assertThat(send(otherAdmin, "POST", "/api/admin/groups", "{\"name\":\"Research\"}").status()).isEqualTo(201);
        assertThat(names(get(admin, "/api/admin/groups"))).containsExactly("Research");
    }

    @Test
    void theListIsSortedByNameAndSearchIsACaseInsensitiveLiteralPrefix() {
        Person admin = person(uniqueTenant());
        create(admin, "beta");
        create(admin, "Alpha");
        create(admin, "alpine");
        create(admin, "a.b");
        create(admin, "axb");
        create(admin, "Zeta alpha");

        assertThat(names(get(admin, "/api/admin/groups"))).containsExactly("Alpha", "Zeta alpha", "a.b", "alpine",
                "axb", "beta");
        assertThat(names(get(admin, "/api/admin/groups?search=ALP"))).containsExactly("Alpha", "alpine");
        assertThat(names(get(admin, "/api/admin/groups?search=a.b"))).containsExactly("a.b");
        assertThat(names(get(admin, "/api/admin/groups?search=.*"))).isEmpty();
        assertThat(names(get(admin, "/api/admin/groups?search=%5B"))).isEmpty();
    }

    @Test
    void anAdminRenamesAndRedescribesAGroup() {
        Person admin = person(uniqueTenant());
        JsonNode group = create(admin, "Research");
        String id = group.get("id").asString();

        Http.Response renamed = send(admin, "PATCH", "/api/admin/groups/" + id, "{\"name\":\" Lab \"}");
        Http.Response described = send(admin, "PATCH", "/api/admin/groups/" + id, "{\"description\":\"Wet lab\"}");

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Lab");
        assertThat(described.status()).isEqualTo(200);
        assertThat(described.json().get("name").asString()).isEqualTo("Lab");
        assertThat(described.json().get("description").asString()).isEqualTo("Wet lab");
        assertThat(described.json().get("createdAt")).isEqualTo(group.get("createdAt"));
        assertThat(get(admin, "/api/admin/groups/" + id).json().get("name").asString()).isEqualTo("Lab");
    }

    @Test
    void renamingToAnotherGroupsNameConflictsAndChangesNothing() {
        Person admin = person(uniqueTenant());
        create(admin, "Research");
        String id = create(admin, "Ops").get("id").asString();

        Http.Response clash = send(admin, "PATCH", "/api/admin/groups/" + id, "{\"name\":\"Research\"}");

        assertThat(clash.status()).isEqualTo(409);
        assertThat(get(admin, "/api/admin/groups/" + id).json().get("name").asString()).isEqualTo("Ops");
    }

    @Test
    void anAdminDeletesAGroup() {
        Person admin = person(uniqueTenant());
        String id = create(admin, "Research").get("id").asString();

        Http.Response deleted = send(admin, "DELETE", "/api/admin/groups/" + id, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(get(admin, "/api/admin/groups/" + id).status()).isEqualTo(404);
        assertThat(send(admin, "DELETE", "/api/admin/groups/" + id, null).status()).isEqualTo(404);
        assertThat(names(get(admin, "/api/admin/groups"))).isEmpty();
    }

    @Test
    void addingMembersIsIdempotentAndRemovingThemToo() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        Person bob = person(tenant);
        String id = create(admin, "Research").get("id").asString();

        Http.Response first = addMembers(admin, id, ann.id(), ann.id());
        Http.Response second = addMembers(admin, id, ann.id(), bob.id());

        assertThat(first.status()).isEqualTo(200);
        assertThat(members(first.json())).containsExactly(ann.id());
        assertThat(second.status()).isEqualTo(200);
        assertThat(members(second.json())).containsExactly(ann.id(), bob.id());

        Http.Response removed = send(admin, "DELETE", "/api/admin/groups/" + id + "/members/" + ann.id(), null);
        Http.Response again = send(admin, "DELETE", "/api/admin/groups/" + id + "/members/" + ann.id(), null);
        Http.Response neverThere = send(admin, "DELETE", "/api/admin/groups/" + id + "/members/nobody", null);

        assertThat(removed.status()).isEqualTo(200);
        assertThat(members(removed.json())).containsExactly(bob.id());
        assertThat(again.status()).isEqualTo(200);
        assertThat(members(again.json())).containsExactly(bob.id());
        assertThat(neverThere.status()).isEqualTo(200);
        assertThat(members(get(admin, "/api/admin/groups/" + id).json())).containsExactly(bob.id());
    }

    @Test
    void unknownOrOtherTenantsUserIdsAreNamedAndNothingIsAdded() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        Person stranger = person(uniqueTenant());
        String id = create(admin, "Research").get("id").asString();

        Http.Response refused = addMembers(admin, id, ann.id(), stranger.id(), UNKNOWN_ID, "not-an-id");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asString())
                .contains(stranger.id(), UNKNOWN_ID, "not-an-id").doesNotContain(ann.id());
        assertThat(refused.json().get("details").size()).isEqualTo(3);
        assertThat(members(get(admin, "/api/admin/groups/" + id).json())).isEmpty();
    }

    @Test
    void membersNeedAtLeastOneAndAtMostAThousandIds() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        String id = create(admin, "Research").get("id").asString();
        List<String> tooMany = IntStream.range(0, 1001).mapToObj(i -> ann.id()).toList();

        assertThat(addMembers(admin, id).status()).isEqualTo(400);
        assertThat(send(admin, "POST", "/api/admin/groups/" + id + "/members", "{}").status()).isEqualTo(400);
        assertThat(addMembers(admin, id, tooMany.toArray(String[]::new)).status()).isEqualTo(400);
        assertThat(addMembers(admin, id, "").status()).isEqualTo(400);
        assertThat(send(admin, "POST", "/api/admin/groups/" + id + "/members", "{\"userIds\":[null]}").status())
                .isEqualTo(400);
        assertThat(members(get(admin, "/api/admin/groups/" + id).json())).isEmpty();
        assertThat(addMembers(admin, id, tooMany.subList(0, 1000).toArray(String[]::new)).status()).isEqualTo(200);
    }

    @Test
    void groupIdsOfAnswersTheGroupsOfAUserInItsTenantOnly() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        String research = create(admin, "Research").get("id").asString();
        String ops = create(admin, "Ops").get("id").asString();
        create(admin, "Empty");
        addMembers(admin, research, ann.id(), admin.id());
        addMembers(admin, ops, ann.id());

        assertThat(groups.groupIdsOf(tenant, ann.id())).containsExactlyInAnyOrder(research, ops);
        assertThat(groups.groupIdsOf(tenant, admin.id())).containsExactly(research);
        assertThat(groups.groupIdsOf(uniqueTenant(), ann.id())).isEmpty();

        send(admin, "DELETE", "/api/admin/groups/" + ops, null);
        send(admin, "DELETE", "/api/admin/groups/" + research + "/members/" + admin.id(), null);

        assertThat(groups.groupIdsOf(tenant, ann.id())).containsExactly(research);
        assertThat(groups.groupIdsOf(tenant, admin.id())).isEmpty();
    }

    @Test
    void aUserIsRefusedOnEveryRouteAndNothingChanges() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person member = person(tenant);
        JsonNode group = create(admin, "Research");
        String id = group.get("id").asString();
        String base = "/api/admin/groups/";

        List<Http.Response> refused = List.of(
                send(member, "POST", "/api/admin/groups", "{\"name\":\"Mine\"}"),
                send(member, "POST", "/api/admin/groups", null),
                get(member, "/api/admin/groups"),
                get(member, base + id),
                get(member, base + UNKNOWN_ID),
                send(member, "PATCH", base + id, "{\"name\":\"Taken\"}"),
                addMembers(member, id, member.id()),
                send(member, "DELETE", base + id + "/members/" + admin.id(), null),
                send(member, "DELETE", base + id, null));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().get("error").asString()).isEqualTo("forbidden");
        });
        assertThat(get(admin, base + id).json()).isEqualTo(group);
        assertThat(names(get(admin, "/api/admin/groups"))).containsExactly("Research");
    }

    @Test
    void anotherTenantsAdminNeitherSeesNorTouchesTheGroup() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person ann = person(tenant);
        Person otherAdmin = person(uniqueTenant());
        JsonNode group = create(admin, "Research");
        String id = group.get("id").asString();
        String base = "/api/admin/groups/";

        assertThat(get(otherAdmin, base + id).status()).isEqualTo(404);
        assertThat(names(get(otherAdmin, "/api/admin/groups"))).isEmpty();
        assertThat(names(get(otherAdmin, "/api/admin/groups?search=Res"))).isEmpty();
        assertThat(send(otherAdmin, "PATCH", base + id, "{\"name\":\"Mine\"}").status()).isEqualTo(404);
        assertThat(addMembers(otherAdmin, id, otherAdmin.id()).status()).isEqualTo(404);
        assertThat(send(otherAdmin, "DELETE", base + id + "/members/" + ann.id(), null).status()).isEqualTo(404);
        assertThat(send(otherAdmin, "DELETE", base + id, null).status()).isEqualTo(404);
        assertThat(get(admin, base + id).json()).isEqualTo(group);
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        Person admin = person(uniqueTenant());
        String base = "/api/admin/groups/";

        for (String id : List.of(UNKNOWN_ID, "nope", "zzzzzzzzzzzzzzzzzzzzzzzz")) {
            assertThat(get(admin, base + id).status()).isEqualTo(404);
            assertThat(get(admin, base + id).json().get("message").asString()).isEqualTo("Group not found");
            assertThat(send(admin, "PATCH", base + id, "{\"name\":\"X\"}").status()).isEqualTo(404);
            assertThat(addMembers(admin, id, admin.id()).status()).isEqualTo(404);
            assertThat(send(admin, "DELETE", base + id + "/members/" + admin.id(), null).status()).isEqualTo(404);
            assertThat(send(admin, "DELETE", base + id, null).status()).isEqualTo(404);
        }
    }

    @Test
    void badBodiesAreRefusedAndWriteNothing() {
        Person admin = person(uniqueTenant());
        String id = create(admin, "Research").get("id").asString();
        String longName = "n".repeat(101);
        String longDescription = "d".repeat(1001);

        List<Http.Response> refused = List.of(
                send(admin, "POST", "/api/admin/groups", null),
                send(admin, "POST", "/api/admin/groups", "{}"),
                send(admin, "POST", "/api/admin/groups", "{\"name\":\"   \"}"),
                send(admin, "POST", "/api/admin/groups", "{\"name\":\"%s\"}".formatted(longName)),
                send(admin, "POST", "/api/admin/groups", """
                        {"name":"Ok","description":"%s"}""".formatted(longDescription)),
                send(admin, "POST", "/api/admin/groups", "{\"name\":[\"x\"]}"),
                send(admin, "POST", "/api/admin/groups", "{\"name\":"),
                send(admin, "PATCH", "/api/admin/groups/" + id, "{}"),
                send(admin, "PATCH", "/api/admin/groups/" + id, "{\"name\":\"\"}"),
                send(admin, "PATCH", "/api/admin/groups/" + id, "{\"description\":\"%s\"}".formatted(longDescription)),
                send(admin, "POST", "/api/admin/groups/" + id + "/members", "{\"userIds\":\"" + admin.id() + "\"}"));

        assertThat(refused).allSatisfy(response -> assertThat(response.status()).isEqualTo(400));
        assertThat(names(get(admin, "/api/admin/groups"))).containsExactly("Research");
        assertThat(send(admin, "POST", "/api/admin/groups", "{\"name\":\"%s\"}".formatted("n".repeat(100))).status())
                .isEqualTo(201);
    }

    @Test
    void groupsNeedAnAccessToken() {
        assertThat(http.get("/api/admin/groups").status()).isEqualTo(401);
    }
}
