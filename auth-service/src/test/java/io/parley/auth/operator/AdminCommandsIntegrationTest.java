package io.parley.auth.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.admin.AdminCli;
import io.parley.admin.Console;
import io.parley.auth.OperatorKeyIntegrationTest;
import io.parley.common.test.Http;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The admin commands ({@code ./parley create-user} …) run in-process against this auth-service, through
 * an address that serves one fresh tenant per test ({@link TestGateway}), signed in with the operator key
 * as a Kubernetes Job would be: arguments, prompts answered on standard input, and the one error line.
 */
class AdminCommandsIntegrationTest extends OperatorKeyIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    private String tenant;
    private TestGateway gateway;

    record Run(int exit, String out, String err) {

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    @BeforeEach
    void freshTenant() {
        tenant = uniqueTenant();
        gateway = new TestGateway(httpPort(), tenant, "{\"users\":[]}");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private Map<String, String> operatorEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_URL", gateway.url());
        env.put("PARLEY_TENANT", tenant);
        env.put("PARLEY_OPERATOR_KEY", OPERATOR_KEY);
        return env;
    }

    private Run run(String... args) {
        return run(operatorEnv(), null, args);
    }

    /** @param typed what a person types at the prompts (a terminal); null for a script without one */
    private Run answering(String typed, String... args) {
        return run(operatorEnv(), typed, args);
    }

    private Run run(Map<String, String> env, String typed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new BufferedReader(new StringReader(typed == null ? "" : typed)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                typed != null, null);
        int exit = AdminCli.run(List.of(args), console, env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long users() {
        return mongo.count(Query.query(Criteria.where("tenantId").is(tenant)), "users");
    }

    private void created(String email) {
        assertThat(run("create-user", email, "Test Person", "", PASSWORD).exit()).isZero();
    }

    @Test
    void createUserFromArgumentsMakesTheTenantsFirstAdminWhileRegistrationIsClosed() {
        Run run = run("create-user", "ada@example.com", "Ada Lovelace", "ada", PASSWORD);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("User created successfully!", "Email verified: true", "Role: ADMIN");
        assertThat(run.out()).contains("Warning: password passed in as argument, this is not secure!");
        assertThat(run.err()).isEmpty();
        Http.Response login = login("ada@example.com", PASSWORD, "X-Parley-Tenant", tenant);
        assertThat(login.json().at("/user/role").asString()).isEqualTo("ADMIN");
        assertThat(login.json().at("/user/username").asString()).isEqualTo("ada");
    }

    @Test
    void createUserAsksForWhatIsMissingOnATerminalWithLibreChatsDefaults() {
        Run run = answering("grace@example.com\nGrace Hopper\n\nSecret-Horse-9\nn\n", "create-user", "--role=ADMIN");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Email:\n> ", "Name: (default is: grace)", "Username: (default is: grace)",
                "Password: (leave blank, to generate one)", "Email verified? (Y/n, default is Y)", "Email verified: false");
        Http.Response login = login("grace@example.com", "Secret-Horse-9", "X-Parley-Tenant", tenant);
        assertThat(login.json().at("/user/username").asString()).isEqualTo("grace");
        assertThat(login.json().at("/user/emailVerified").asBoolean()).isFalse();
    }

    @Test
    void withoutATerminalAMissingArgumentIsOneUsageLineAndNothingIsWritten() {
        Run run = run("create-user");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "Error: missing <email> (no terminal to ask on: give it as an argument)");
        assertThat(users()).isZero();
    }

    @Test
    void aPasswordLeftOutIsGeneratedAndPrintedAsLibreChatDoes() {
        Run run = run("create-user", "linus@example.com", "Linus Pauling", "linus");

        assertThat(run.exit()).isZero();
        String password = run.out().lines().filter(l -> l.startsWith("Your password is: ")).findFirst().orElseThrow()
                .substring("Your password is: ".length());
        assertThat(password).hasSize(18);
        assertThat(login("linus@example.com", password, "X-Parley-Tenant", tenant).status()).isEqualTo(200);
    }

    @Test
    void whatTheInstallationRefusesIsOneErrorLineWithItsMessageAndNothingIsWritten() {
        created("first@example.com");
        long before = users();

        Run taken = run("create-user", "first@example.com", "Someone Else", "other", PASSWORD);
        Run badName = run("create-user", "x@example.com", "X", "x", PASSWORD);
        Run badEmail = run("create-user", "not-an-address");

        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.errLines()).containsExactly(
                "Error: A user with that email or username already exists [HTTP 409]");
        assertThat(badName.exit()).isEqualTo(1);
        assertThat(badName.errLines()).hasSize(1).first().asString().startsWith("Error: ").contains("[HTTP 400]");
        assertThat(badEmail.errLines()).containsExactly("Error: Invalid email address!");
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void aWrongOperatorKeyOrAnotherTenantIsRefusedBeforeAnythingIsDone() {
        Map<String, String> wrongKey = operatorEnv();
        wrongKey.put("PARLEY_OPERATOR_KEY", "f".repeat(64));
        Map<String, String> otherTenant = operatorEnv();
        otherTenant.put("PARLEY_TENANT", "someone-else");

        Run wrong = run(wrongKey, null, "create-user", "a@example.com", "Ann Smith", "ann", PASSWORD);
        Run other = run(otherTenant, null, "create-user", "a@example.com", "Ann Smith", "ann", PASSWORD);
        Run none = run(Map.of("PARLEY_URL", gateway.url()), null, "list-users");

        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.errLines()).containsExactly("Error: The operator key is not this installation's [HTTP 403]");
        assertThat(other.errLines()).hasSize(1).first().asString().contains("serves the tenant '" + tenant + "'");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.errLines()).hasSize(1).first().asString().startsWith("Error: no credentials");
        assertThat(users()).isZero();
    }

    @Test
    void anAdminsOwnSignInWorksAndAnOrdinaryUsersIsRefused() {
        created("boss@example.com");
        created("staff@example.com");
        Map<String, String> boss = new HashMap<>(Map.of("PARLEY_URL", gateway.url(), "PARLEY_TENANT", tenant,
                "PARLEY_ADMIN_EMAIL", "boss@example.com", "PARLEY_ADMIN_PASSWORD", PASSWORD));
        Map<String, String> staff = new HashMap<>(boss);
        staff.put("PARLEY_ADMIN_EMAIL", "staff@example.com");

        assertThat(run(boss, null, "list-users").out()).contains("Total Users: 2", "Email: staff@example.com");
        Run refused = run(staff, null, "list-users");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.errLines()).containsExactly(
                "Error: Unauthorized (an ADMIN's or the operator's token is needed) [HTTP 403]");
    }

    @Test
    void balancesAreAddedSetAndListed() {
        created("ann@example.com");
        created("bob@example.com");

        Run added = run("add-balance", "ann@example.com", "500", "--request-id", "grant-1");
        Run again = run("add-balance", "ann@example.com", "500", "--request-id", "grant-1");
        Run set = run("set-balance", "bob@example.com", "42");
        Run bad = run("set-balance", "bob@example.com", "lots");
        Run list = run("list-balances");

        assertThat(added.out()).contains("Found user: ann@example.com", "Transaction created successfully!", "Amount: 500",
                "New Balance: 20500");
        assertThat(again.out()).contains("New Balance: 20500");
        assertThat(set.out()).contains("Balance set successfully!", "New Balance: 42");
        assertThat(bad.errLines()).containsExactly("Error: Invalid amount: lots is not a whole number of credits");
        assertThat(list.out()).contains("User Test Person (ann@example.com) has a balance of 20500",
                "User Test Person (bob@example.com) has a balance of 42");
    }

    @Test
    void aBanTakesMinutesAndAnUnknownAddressOrBadDurationIsAnError() {
        created("ann@example.com");

        assertThat(run("ban-user", "ann@example.com", "soon").errLines()).containsExactly("Error: Invalid duration!");
        assertThat(run("ban-user", "nobody@example.com", "10").errLines())
                .containsExactly("Error: No user with that email was found!");
        Run banned = run("ban-user", "ann@example.com", "10");

        assertThat(banned.exit()).isZero();
        assertThat(banned.out()).contains("Found user: ann@example.com", "User banned until ");
        assertThat(login("ann@example.com", PASSWORD, "X-Parley-Tenant", tenant).status()).isEqualTo(403);
    }

    @Test
    void resetPasswordAsksTwiceUntilBothMatchOrReadsStandardInputInAScript() {
        created("ann@example.com");

        Run prompted = answering("ann@example.com\nOne-Horse-99\nTwo-Horse-99\nNew-Horse-99\nNew-Horse-99\n",
                "reset-password");
        assertThat(prompted.exit()).as(prompted.err()).isZero();
        assertThat(prompted.out()).contains("Enter user email: ", "Passwords do not match! Please try again.",
                "Password successfully reset!");
        assertThat(login("ann@example.com", "New-Horse-99", "X-Parley-Tenant", tenant).status()).isEqualTo(200);

        Run script = run(operatorEnv(), null, "reset-password", "ann@example.com", "--password-stdin");
        assertThat(script.errLines()).containsExactly("Error: no password on standard input");
    }

    @Test
    void deleteUserNeedsAConfirmationAndThenErasesTheAccount() {
        created("ann@example.com");
        created("bob@example.com");

        Run unconfirmed = run("delete-user", "bob@example.com");
        Run declined = answering("n\n", "delete-user", "bob@example.com");
        Run deleted = run("delete-user", "bob@example.com", "--yes");

        assertThat(unconfirmed.exit()).isEqualTo(2);
        assertThat(declined.out()).contains("Really delete user bob@example.com (", "Aborted.");
        assertThat(deleted.out()).contains("Successfully deleted user bob@example.com and all associated data.");
        assertThat(login("bob@example.com", PASSWORD, "X-Parley-Tenant", tenant).status()).isEqualTo(401);
        assertThat(users()).isEqualTo(1);
    }

    @Test
    void theBannerIsUpdatedFromArgumentsOrPromptsAndDeletedOnConfirmation() {
        Run bad = run("update-banner", "tomorrow", "", "Hello");
        Run updated = answering("\n\nMaintenance tonight\nsecond line\n.\ny\n", "update-banner");
        Run deleted = answering("y\n", "delete-banner");
        Run none = run("delete-banner", "--yes");

        assertThat(bad.errLines()).containsExactly(
                "Error: Invalid date format for displayFrom. Please use yyyy-mm-ddTHH:MM:SSZ.");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("Banner updated successfully!", "to: not specified",
                "Banner: Maintenance tonight\nsecond line", "isPublic: true");
        assertThat(deleted.out()).contains("Current banner:", "Banner deleted successfully!");
        assertThat(none.out()).contains("No banner found to delete.");
        assertThat(none.exit()).isZero();
    }

    @Test
    void inviteResetTermsListAndFlushSayWhatTheyDid() {
        created("ann@example.com");

        assertThat(run("invite-user", "new@example.com").out())
                .contains("Send this link to the user: http://localhost:3080/register?token=");
        assertThat(run("reset-terms", "--yes").out()).contains("Updated 0 user(s).");
        assertThat(run("list-users").out()).contains("Email: ann@example.com", "Provider: local", "Total Users: 1");
        assertThat(run("flush-cache", "--dry-run").out()).contains("DRY RUN MODE", "Would delete");
        assertThat(run("flush-cache").out()).contains("Cache flush completed successfully");
    }

    @Test
    void userStatsJoinsTheCountsToTheUsersMostConversationsFirst() {
        created("ann@example.com");
        created("bob@example.com");
        List<String> ids = new ArrayList<>();
        for (String email : List.of("ann@example.com", "bob@example.com")) {
            ids.add(login(email, PASSWORD, "X-Parley-Tenant", tenant).json().at("/user/id").asString());
        }
        gateway.close();
        gateway = new TestGateway(httpPort(), tenant, """
                {"users":[{"userId":"%s","conversations":3,"messages":9}]}""".formatted(ids.get(1)));

        Run stats = run("user-stats");

        assertThat(stats.exit()).as(stats.err()).isZero();
        List<String> rows = stats.out().lines().filter(l -> l.contains("@example.com")).toList();
        assertThat(rows.get(0)).contains("bob@example.com").contains("3 |").contains("9 |");
        assertThat(rows.get(1)).contains("ann@example.com").contains("0 |");
    }

    @Test
    void anUnreachableInstallationIsOneLine() {
        Map<String, String> env = operatorEnv();
        env.put("PARLEY_URL", "http://127.0.0.1:9");
        Run run = run(env, null, "list-users");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "Error: cannot reach Parley at http://127.0.0.1:9/ (is it running? ./parley up, or --url / PARLEY_URL)");
    }
}
