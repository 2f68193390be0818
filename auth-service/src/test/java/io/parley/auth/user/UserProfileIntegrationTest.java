package io.parley.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code POST|PATCH /api/user} over real HTTP: the caller's own name and username. */
class UserProfileIntegrationTest extends AuthIntegrationTest {

    record Person(String tenant, String id, String token, String email) {
    }

    private Person person(String tenant, String username) {
        String email = uniqueEmail();
        Http.Response registered = http.post("/api/auth/register", """
                {"name":"Test Person","username":"%s","email":"%s","password":"%s","confirm_password":"%s"}"""
                .formatted(username, email, PASSWORD, PASSWORD), "X-Parley-Tenant", tenant);
        assertThat(registered.status()).isLessThan(300);
        JsonNode session = login(email, PASSWORD, "X-Parley-Tenant", tenant).json();
        return new Person(tenant, session.at("/user/id").asString(), session.get("token").asString(), email);
    }

    private Http.Response update(Person caller, String method, String body) {
        return http.send(method, "/api/user", body, "Authorization", "Bearer " + caller.token());
    }

    private JsonNode me(Person caller) {
        Http.Response me = http.get("/api/user", "Authorization", "Bearer " + caller.token());
        assertThat(me.status()).isEqualTo(200);
        return me.json();
    }

    @Autowired
    UserStore users;

    @Test
    void deletingTheAvatarForgetsOnlyTheCallersAvatar() {
        String tenant = uniqueTenant();
        Person caller = person(tenant, "pic" + System.nanoTime() % 100000);
        Person other = person(tenant, "oth" + System.nanoTime() % 100000);
        users.setAvatar(tenant, caller.id(), "https://cdn.example.com/a.png");
        users.setAvatar(tenant, other.id(), "https://cdn.example.com/b.png");
        assertThat(me(caller).get("avatar").asString()).isEqualTo("https://cdn.example.com/a.png");

        Http.Response deleted = http.send("DELETE", "/api/user/avatar", null, "Authorization", "Bearer " + caller.token());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("avatar").isNull()).isTrue();
        assertThat(me(caller).get("avatar").isNull()).isTrue();
        assertThat(me(other).get("avatar").asString()).isEqualTo("https://cdn.example.com/b.png");
    }

    @Test
    void anUpdateAnswersAsGetAndGetShowsIt() {
        Person ann = person(uniqueTenant(), "");

        Http.Response updated = update(ann, "POST", """
                {"name":"  Ann Smith ","username":"Annie","email":"evil@example.com","role":"ADMIN",
                 "password":"x","provider":"google","color":"blue"}""");

        assertThat(updated.status()).isEqualTo(200);
        JsonNode me = me(ann);
        assertThat(me.get("name").asString()).isEqualTo("Ann Smith");
        assertThat(me.get("username").asString()).isEqualTo("annie");
        assertThat(me.get("email").asString()).isEqualTo(ann.email());
        assertThat(me.get("role").asString()).isEqualTo("ADMIN"); // first of the tenant, unchanged
        assertThat(me.get("provider").asString()).isEqualTo("local");
        assertThat(updated.json().get("name")).isEqualTo(me.get("name"));
        assertThat(updated.json().get("username")).isEqualTo(me.get("username"));
        assertThat(updated.json().get("id")).isEqualTo(me.get("id"));
        assertThat(updated.body()).doesNotContain("password");
        assertThat(login(ann.email(), PASSWORD, "X-Parley-Tenant", ann.tenant()).status()).isEqualTo(200);
    }

    @Test
    void patchChangesOnlyWhatIsSent() {
        String tenant = uniqueTenant();
        person(tenant, "");
        Person bob = person(tenant, "bobby");

        assertThat(update(bob, "PATCH", "{\"name\":\"Robert\"}").status()).isEqualTo(200);

        JsonNode me = me(bob);
        assertThat(me.get("name").asString()).isEqualTo("Robert");
        assertThat(me.get("username").asString()).isEqualTo("bobby");
        assertThat(me.get("role").asString()).isEqualTo("USER");
    }

    @Test
    void ruleBreachesAre400AndChangeNothing() {
        Person ann = person(uniqueTenant(), "annie");

        Http.Response shortName = update(ann, "POST", "{\"name\":\"Al\",\"username\":\"newname\"}");
        Http.Response injection = update(ann, "POST", "{\"username\":\"a$ne\"}");
        Http.Response both = update(ann, "PATCH", "{\"name\":\"" + "x".repeat(81) + "\",\"username\":\"a\"}");

        assertThat(shortName.status()).isEqualTo(400);
        assertThat(shortName.json().get("message").asString()).isEqualTo("name: must be 3 to 80 characters");
        assertThat(injection.status()).isEqualTo(400);
        assertThat(injection.json().get("message").asString())
                .isEqualTo("username: Potential injection attack detected");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("message").asString())
                .isEqualTo("name: must be 3 to 80 characters; username: must be 2 to 80 characters");
        assertThat(update(ann, "POST", "{}").status()).isEqualTo(400);
        assertThat(update(ann, "POST", "{\"email\":\"x@example.com\"}").status()).isEqualTo(400);
        JsonNode me = me(ann);
        assertThat(me.get("name").asString()).isEqualTo("Test Person");
        assertThat(me.get("username").asString()).isEqualTo("annie");
        assertThat(me.get("email").asString()).isEqualTo(ann.email());
    }

    @Test
    void aUsernameTakenInTheTenantIs409ButNotAcrossTenants() {
        String tenant = uniqueTenant();
        person(tenant, "taken");
        Person bob = person(tenant, "bob");
        Person other = person(uniqueTenant(), "");

        Http.Response clash = update(bob, "POST", "{\"username\":\"TAKEN\"}");

        assertThat(clash.status()).isEqualTo(409);
        assertThat(me(bob).get("username").asString()).isEqualTo("bob");
        assertThat(update(other, "POST", "{\"username\":\"taken\"}").status()).isEqualTo(200);
        assertThat(me(other).get("username").asString()).isEqualTo("taken");
        assertThat(update(bob, "POST", "{\"username\":\"bob\"}").status()).isEqualTo(200);
    }

    @Test
    void aBlankUsernameClearsIt() {
        Person ann = person(uniqueTenant(), "annie");

        assertThat(update(ann, "POST", "{\"username\":\"\"}").status()).isEqualTo(200);

        assertThat(me(ann).get("username").asString()).isEmpty();
    }

    @Test
    void withoutATokenIs401() {
        assertThat(http.send("POST", "/api/user", "{\"name\":\"Nobody Here\"}").status()).isEqualTo(401);
        assertThat(http.send("PATCH", "/api/user", "{\"name\":\"Nobody Here\"}").status()).isEqualTo(401);
    }
}
