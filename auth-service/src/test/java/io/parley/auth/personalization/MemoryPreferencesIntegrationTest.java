package io.parley.auth.personalization;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code PATCH /api/memories/preferences} over real HTTP: the switch kept on the user and shown by {@code /api/user}. */
class MemoryPreferencesIntegrationTest extends AuthIntegrationTest {

    private static final String PATH = "/api/memories/preferences";

    private record Person(String email, String token) {
    }

    private Person person(String tenant) {
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", tenant);
        return new Person(email, login(email, PASSWORD, "X-Parley-Tenant", tenant).json().get("token").asString());
    }

    private Http.Response prefer(Person who, String body) {
        return http.send("PATCH", PATH, body, "Authorization", "Bearer " + who.token());
    }

    private boolean shown(Person who) {
        return http.get("/api/user", "Authorization", "Bearer " + who.token()).json().at("/personalization/memories").asBoolean();
    }

    @Test
    void theSwitchIsStoredOnTheUserAndShownWhereverTheUserIs() {
        String tenant = uniqueTenant();
        Person ann = person(tenant);
        assertThat(shown(ann)).isTrue();

        Http.Response off = prefer(ann, "{\"memories\":false}");

        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json()).isEqualTo(Http.parse("{\"updated\":true,\"preferences\":{\"memories\":false}}"));
        assertThat(shown(ann)).isFalse();
        JsonNode signedInAgain = login(ann.email(), PASSWORD, "X-Parley-Tenant", tenant).json();
        assertThat(signedInAgain.at("/user/personalization/memories").asBoolean()).isFalse();

        assertThat(prefer(ann, "{\"memories\":true}").json().at("/preferences/memories").asBoolean()).isTrue();
        assertThat(shown(ann)).isTrue();
    }

    @Test
    void withoutOptOutOrUseTheSwitchIs403AndStaysAsItWas() {
        String tenant = uniqueTenant();
        Person admin = person(tenant);
        Person member = person(tenant);
        String auth = "Bearer " + admin.token();

        assertThat(http.send("PUT", "/api/roles/USER/memories", "{\"OPT_OUT\":false}", "Authorization", auth).status())
                .isEqualTo(200);
        Http.Response refused = prefer(member, "{\"memories\":false}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asString()).isEqualTo("Forbidden: Insufficient permissions");

        http.send("PUT", "/api/roles/USER/memories", "{\"OPT_OUT\":true,\"USE\":false}", "Authorization", auth);
        assertThat(prefer(member, "{\"memories\":false}").status()).isEqualTo(403);

        assertThat(shown(member)).isTrue();
        assertThat(prefer(admin, "{\"memories\":false}").status()).as("ADMIN keeps its own permissions").isEqualTo(200);
    }

    @Test
    void aBodyWithoutABooleanIs400AndChangesNothing() {
        Person ann = person(uniqueTenant());

        for (String body : new String[] {"{}", "{\"memories\":\"false\"}", "{\"memories\":0}", "{\"memories\":null}", "[]", null}) {
            Http.Response refused = prefer(ann, body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).isEqualTo("memories must be a boolean value.");
        }
        assertThat(prefer(ann, "{\"memories\":").status()).isEqualTo(400);

        assertThat(shown(ann)).isTrue();
    }
}
