package io.parley.auth.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthIntegrationTest;
import io.parley.common.test.Http;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * librechat.yaml's {@code interface} section sets the system roles' permissions as LibreChat does:
 * for USER and ADMIN alike, a configured key over the role's defaults, again at every start.
 */
@TestPropertySource(properties = {
        "librechat.interface.marketplace.use=true",
        "librechat.interface.peoplePicker.users=true",
        "librechat.interface.prompts=false",
        "librechat.interface.mcpServers.create=true",
        "librechat.interface.mcpServers.placeholder=Pick a server",
        "librechat.interface.customWelcome=Hello"})
class InterfacePermissionsIntegrationTest extends AuthIntegrationTest {

    @Autowired
    InterfacePermissions interfacePermissions;
    @Autowired
    RoleStore roles;

    private record Person(String token) {
    }

    private Person person(String tenant) {
        String email = uniqueEmail();
        register(email, "X-Parley-Tenant", tenant);
        return new Person(login(email, PASSWORD, "X-Parley-Tenant", tenant).json().get("token").asString());
    }

    private JsonNode permissions(Person caller, String role) {
        Http.Response response = http.get("/api/roles/" + role, "Authorization", "Bearer " + caller.token());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("permissions");
    }

    @Test
    void aNewTenantsUserRoleHasWhatTheSectionSetsAndDefaultsElsewhere() {
        String tenant = uniqueTenant();
        person(tenant);
        Person member = person(tenant);

        JsonNode user = permissions(member, "USER");

        assertThat(user.at("/MARKETPLACE/USE").asBoolean()).isTrue();
        assertThat(user.get("PEOPLE_PICKER")).isEqualTo(Http.parse("""
                {"VIEW_USERS":true,"VIEW_GROUPS":false,"VIEW_ROLES":false}"""));
        // a bare boolean is the type's USE only
        assertThat(user.get("PROMPTS")).isEqualTo(Http.parse("""
                {"USE":false,"CREATE":true,"SHARE":false,"SHARE_PUBLIC":false}"""));
        assertThat(user.get("MCP_SERVERS")).isEqualTo(Http.parse("""
                {"USE":true,"CREATE":true,"SHARE":false,"SHARE_PUBLIC":false,"CONFIGURE_OBO":false}"""));
        JsonNode defaults = Http.parse(RolesIntegrationTest.USER_DEFAULTS);
        for (String untouched : new String[] {"AGENTS", "BOOKMARKS", "MEMORIES", "WEB_SEARCH", "SHARED_LINKS"}) {
            assertThat(user.get(untouched)).as(untouched).isEqualTo(defaults.get(untouched));
        }
    }

    @Test
    void theAdminRoleGetsTheSameKeysOverItsOwnDefaults() {
        Person admin = person(uniqueTenant());

        JsonNode permissions = permissions(admin, "ADMIN");

        assertThat(permissions.at("/MARKETPLACE/USE").asBoolean()).isTrue();
        assertThat(permissions.at("/PROMPTS/USE").asBoolean()).isFalse();
        assertThat(permissions.at("/PROMPTS/SHARE").asBoolean()).isTrue();
        assertThat(permissions.get("PEOPLE_PICKER")).isEqualTo(Http.parse("""
                {"VIEW_USERS":true,"VIEW_GROUPS":true,"VIEW_ROLES":true}"""));
    }

    @Test
    void anAdminsChangeToAConfiguredTypeLastsUntilTheNextStartAndToAnOtherTypeForGood() {
        Person admin = person(uniqueTenant());
        assertThat(http.send("PUT", "/api/roles/USER/marketplace", "{\"USE\":false}",
                "Authorization", "Bearer " + admin.token()).status()).isEqualTo(200);
        assertThat(http.send("PUT", "/api/roles/USER/agents", "{\"USE\":false}",
                "Authorization", "Bearer " + admin.token()).status()).isEqualTo(200);
        assertThat(permissions(admin, "USER").at("/MARKETPLACE/USE").asBoolean()).isFalse();

        interfacePermissions.applyToStoredRoles(); // what the next start does

        JsonNode after = permissions(admin, "USER");
        assertThat(after.at("/MARKETPLACE/USE").asBoolean()).as("the file wins at start-up").isTrue();
        assertThat(after.at("/AGENTS/USE").asBoolean()).as("not in the file: the admin's choice stays").isFalse();
    }

    @Test
    void rolesStoredBeforeTheSectionWasSetGetItAtTheNextStart() {
        String tenant = uniqueTenant();
        roles.findOrCreate(tenant, "USER", Permissions.defaults("USER"), Instant.now());
        Person admin = person(tenant);
        assertThat(permissions(admin, "USER").at("/MARKETPLACE/USE").asBoolean()).isFalse();

        interfacePermissions.applyToStoredRoles();

        JsonNode after = permissions(admin, "USER");
        assertThat(after.at("/MARKETPLACE/USE").asBoolean()).isTrue();
        assertThat(after.at("/PEOPLE_PICKER/VIEW_USERS").asBoolean()).isTrue();
        assertThat(after.at("/BOOKMARKS/USE").asBoolean()).isTrue();
    }

    @Test
    void theSectionSetsNothingForACustomRole() {
        assertThat(interfacePermissions.configured("EDITOR")).isEmpty();
        assertThat(interfacePermissions.configured("USER")).containsOnlyKeys(
                "PROMPTS", "PEOPLE_PICKER", "MARKETPLACE", "MCP_SERVERS");
        assertThat(interfacePermissions.configured("USER").get("MARKETPLACE")).isEqualTo(Map.of("USE", true));
    }
}
