package io.parley.auth.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.grpc.ManagedChannel;
import io.parley.auth.password.PasswordHasher;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.test.Http;
import io.parley.proto.auth.v1.AuthSettingsGrpc;
import io.parley.proto.auth.v1.GetPublicConfigRequest;
import io.parley.proto.auth.v1.GetPublicConfigResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LdapLoginIntegrationTest extends LdapIntegrationTest {

    private static final String ADA_PASSWORD = "Analytical-Engine-1";
    private static final String GRACE_PASSWORD = "Compiler-Pioneer-2";

    @Autowired
    Users users;

    @Autowired
    PasswordHasher passwords;

    @Test
    void theFirstSignInCreatesTheAccountFromTheDirectoryAndStartsASession() {
        Http.Response response = ldapLogin(uniqueTenant(), "ada@example.org", ADA_PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("token").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(response.json().at("/user/provider").asString()).isEqualTo("ldap");
        assertThat(response.json().at("/user/email").asString()).isEqualTo("ada@example.org");
        assertThat(response.json().at("/user/name").asString()).isEqualTo("Ada Lovelace");
        assertThat(response.json().at("/user/username").asString()).isEqualTo("ada");
        assertThat(response.json().at("/user/emailVerified").asBoolean()).isTrue();
        assertThat(response.json().at("/user/role").asString()).as("the tenant's first account").isEqualTo("ADMIN");
        assertThat(response.json().get("user").has("password")).isFalse();
        assertThat(response.setCookies("refreshToken")).singleElement().asString().contains("HttpOnly");
        assertThat(response.cookie("token_provider")).isEqualTo("librechat");
        Http.Response me = http.get("/api/user", "Authorization", "Bearer " + response.json().get("token").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("provider").asString()).isEqualTo("ldap");
    }

    @Test
    void afterTheAccountIsDeletedTheNextDirectorySignInMakesANewAccount() {
        String tenant = uniqueTenant();
        Http.Response first = ldapLogin(tenant, "ada@example.org", ADA_PASSWORD);
        String firstId = first.json().at("/user/id").asString();

        assertThat(http.send("DELETE", "/api/user/delete", null,
                "Authorization", "Bearer " + first.json().get("token").asString()).status()).isEqualTo(200);
        Http.Response again = ldapLogin(tenant, "ada@example.org", ADA_PASSWORD);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/user/id").asString()).isNotEqualTo(firstId);
    }

    @Test
    void theSameAccountIsUsedByEmailAndByUserNameAndLaterPeopleAreUsers() {
        String tenant = uniqueTenant();
        Http.Response byEmail = ldapLogin(tenant, "ada@example.org", ADA_PASSWORD);
        Http.Response byName = ldapLogin(tenant, "ada", ADA_PASSWORD);
        Http.Response grace = ldapLogin(tenant, "grace", GRACE_PASSWORD);

        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().at("/user/id").asString()).isEqualTo(byEmail.json().at("/user/id").asString());
        assertThat(grace.json().at("/user/role").asString()).isEqualTo("USER");
        assertThat(grace.json().at("/user/id").asString()).isNotEqualTo(byEmail.json().at("/user/id").asString());
    }

    @Test
    void wrongPasswordUnknownLoginAmbiguousLoginAndFilterInjectionAreRefusedAlike() {
        String tenant = uniqueTenant();
        List<Http.Response> refusals = List.of(
                ldapLogin(tenant, "ada@example.org", "Wrong-Password-1"),
                ldapLogin(tenant, "nobody@example.org", ADA_PASSWORD),
                ldapLogin(tenant, "twins@example.org", "Twin-Password-4"),
                ldapLogin(tenant, "*", ADA_PASSWORD),
                ldapLogin(tenant, "*)(uid=*", ADA_PASSWORD),
                ldapLogin(tenant, "ada)(|(uid=*", ADA_PASSWORD),
                ldapLogin(tenant, "\\", ADA_PASSWORD),
                ldapLogin(tenant, "ada\u0000", ADA_PASSWORD));

        for (Http.Response refusal : refusals) {
            assertThat(refusal.status()).isEqualTo(401);
            assertThat(refusal.json().get("message").asString()).isEqualTo("Invalid username/password");
            assertThat(refusal.json().get("error").asString()).isEqualTo("invalid_credentials");
            assertThat(refusal.setCookies("refreshToken")).isEmpty();
        }
        assertThat(users.hasAny(tenant)).as("no account made").isFalse();
    }

    @Test
    void anEmptyPasswordIsARequestErrorAndNeverABind() {
        int binds = DIRECTORY.bindsAs("uid=ada," + TestDirectory.PEOPLE).size();

        assertThat(ldapLogin(uniqueTenant(), "ada@example.org", "").status()).isEqualTo(400);
        assertThat(DIRECTORY.bindsAs("uid=ada," + TestDirectory.PEOPLE)).hasSize(binds);
    }

    @Test
    void aNameMadeOfFilterCharactersSignsIn() {
        Http.Response response = ldapLogin(uniqueTenant(), "o'neil*(ops)\\team", "Tricky-Name-3");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/user/name").asString()).isEqualTo("Zoë O'Neil");
        assertThat(response.json().at("/user/username").asString()).isEqualTo("o'neil*(ops)\\team");
    }

    @Test
    void aPersonWithoutMailGetsLibreChatsFallbackAddress() {
        Http.Response response = ldapLogin(uniqueTenant(), "nomail", "No-Mail-5");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/user/email").asString()).isEqualTo("nomail@ldap.local");
    }

    @Test
    void changesInTheDirectoryReachTheAccountAtTheNextSignIn() throws Exception {
        String tenant = uniqueTenant();
        String dn = "uid=mover," + TestDirectory.PEOPLE;
        Http.Response before = ldapLogin(tenant, "mover", "Mover-Password-7");
        DIRECTORY.server().modify(dn, new Modification(ModificationType.REPLACE, "cn", "Mover After"),
                new Modification(ModificationType.REPLACE, "mail", "moved@example.org"));
        try {
            Http.Response after = ldapLogin(tenant, "mover", "Mover-Password-7");

            assertThat(before.json().at("/user/name").asString()).isEqualTo("Mover Before");
            assertThat(after.json().at("/user/id").asString()).isEqualTo(before.json().at("/user/id").asString());
            assertThat(after.json().at("/user/name").asString()).isEqualTo("Mover After");
            assertThat(after.json().at("/user/email").asString()).isEqualTo("moved@example.org");
            assertThat(users.byEmail(tenant, "mover@example.org")).isEmpty();
        } finally {
            DIRECTORY.server().modify(dn, new Modification(ModificationType.REPLACE, "cn", "Mover Before"),
                    new Modification(ModificationType.REPLACE, "mail", "mover@example.org"));
        }
    }

    @Test
    void anAddressHeldByALocalAccountIsAConflictNotATakeover() {
        String tenant = uniqueTenant();
        User local = localAccount(tenant, "clash@example.org");

        Http.Response response = ldapLogin(tenant, "clash", "Clash-Password-6");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("message").asString()).isEqualTo(LdapAccounts.EMAIL_TAKEN);
        assertThat(response.setCookies("refreshToken")).isEmpty();
        assertThat(users.byEmail(tenant, "clash@example.org")).hasValueSatisfying(u -> {
            assertThat(u.id()).isEqualTo(local.id());
            assertThat(u.provider()).isEqualTo("local");
        });
    }

    @Test
    void localPasswordsAndRegistrationAreOffWhileLdapSignsPeopleIn() {
        String tenant = uniqueTenant();
        localAccount(tenant, "local-person@example.org");

        Http.Response login = ldapLogin(tenant, "local-person@example.org", PASSWORD);
        Http.Response registration = register(uniqueEmail(), "X-Parley-Tenant", tenant);

        assertThat(login.status()).isEqualTo(401);
        assertThat(login.json().get("message").asString()).isEqualTo("Invalid username/password");
        assertThat(registration.status()).isEqualTo(403);
        assertThat(registration.json().get("message").asString()).isEqualTo("Registration is not allowed.");
    }

    @Test
    void aBannedAccountCannotSignIn() {
        String tenant = uniqueTenant();
        Http.Response admin = ldapLogin(tenant, "ada", ADA_PASSWORD);
        String graceId = ldapLogin(tenant, "grace", GRACE_PASSWORD).json().at("/user/id").asString();

        Http.Response ban = http.post("/api/admin/users/" + graceId + "/ban", "{\"durationMs\":60000}",
                "Authorization", "Bearer " + admin.json().get("token").asString());
        Http.Response refused = ldapLogin(tenant, "grace", GRACE_PASSWORD);

        assertThat(ban.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asString())
                .isEqualTo("Your account has been temporarily banned due to violations of our service.");
        assertThat(refused.setCookies("refreshToken")).isEmpty();
    }

    @Test
    void aDirectoryThatIsDownAnswers503QuicklyAndSignInResumesWhenItIsBack() throws Exception {
        String tenant = uniqueTenant();
        DIRECTORY.stopListening();
        Http.Response down;
        Duration took;
        try {
            Instant start = Instant.now();
            down = ldapLogin(tenant, "ada", ADA_PASSWORD);
            took = Duration.between(start, Instant.now());
        } finally {
            DIRECTORY.startListening();
        }

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().get("message").asString()).isEqualTo(LdapDirectory.UNAVAILABLE);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(ldapLogin(tenant, "ada", ADA_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void publicConfigSaysLdapWithUserNamesAndNoRegistration() throws InterruptedException {
        ManagedChannel channel = grpcChannel();
        try {
            GetPublicConfigResponse config = AuthSettingsGrpc.newBlockingStub(channel)
                    .getPublicConfig(GetPublicConfigRequest.getDefaultInstance());

            assertThat(config.getLdapEnabled()).isTrue();
            assertThat(config.getLdapUsername()).isTrue();
            assertThat(config.getRegistrationEnabled()).isFalse();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private User localAccount(String tenant, String email) {
        Instant now = Instant.now();
        User user = new User(new ObjectId(), tenant, "Local Person", "", email, true, passwords.hash(PASSWORD), null, "local",
                "USER", List.of(), false, false, List.of(), now, now);
        assertThat(users.insert(user)).isTrue();
        return user;
    }
}
