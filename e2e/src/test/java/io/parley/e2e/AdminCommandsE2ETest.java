package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.common.test.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin commands' jar ({@code ./parley create-user} …, the parley/admin image) as a process against
 * the whole system through the gateway, signed in with the operator key: a user made by the operator
 * signs in and chats, {@code user-stats} counts what chat-service holds, {@code delete-user} erases the
 * account everywhere, and the operator's token is nobody outside the admin routes.
 */
class AdminCommandsE2ETest extends E2ETest {

    record Run(int exit, String out, String err) {
    }

    private static Run admin(String... args) {
        Path root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("admin-cli/target/admin-cli-" + System.getProperty("parley.version", "0.1.0-SNAPSHOT")
                + "-exec.jar");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().put("PARLEY_URL", ParleySystem.gatewayUrl());
            builder.environment().put("PARLEY_OPERATOR_KEY", ParleySystem.OPERATOR_KEY);
            builder.environment().remove("PARLEY_ADMIN_TOKEN");
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the admin command did not finish in 60 s: " + command);
            }
            return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anOperatorsUserChatsIsCountedByUserStatsAndIsErasedEverywhereByDeleteUser() {
        // A tenant's first account is its ADMIN, and its only ADMIN cannot be deleted: when this test runs
        // first, that account is another one.
        Run first = admin("create-user", uniqueEmail(), "First Of Tenant", "", PASSWORD);
        assertThat(first.exit()).as(first.err()).isZero();
        String email = uniqueEmail();
        Run created = admin("create-user", email, "Made By Operator", "", PASSWORD);
        assertThat(created.exit()).as(created.err()).isZero();
        String auth = bearer(login(email, PASSWORD));
        Http.Response turn = as("default", auth, "POST", "/api/agents/chat/offline-demo", """
                {"text":"Count me","sender":"User","isCreatedByUser":true,
                 "parentMessageId":"00000000-0000-0000-0000-000000000000","endpoint":"offline-demo","model":"parley-demo"}""");
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        String convo = turn.json().get("conversationId").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> as("default", auth, "GET", "/api/messages/" + convo, null).json().size() == 2);

        Run stats = admin("user-stats");
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out().lines().filter(line -> line.contains(email)).findFirst().orElseThrow())
                .matches(".*\\|\\s+1 \\|\\s+2 \\|");

        Run added = admin("add-balance", email, "100");
        assertThat(added.out()).contains("Transaction created successfully!");

        Run deleted = admin("delete-user", email, "--yes");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(login(email, PASSWORD).status()).isEqualTo(401);
        Http chat = new Http(ParleySystem.chatServiceUrl());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> chat.get("/api/convos", "Authorization", auth).json().get("conversations").isEmpty());
    }

    @Test
    void theOperatorsTokenIsRefusedOutsideTheAdminRoutesOfEveryService() {
        Http.Response issued = post("/api/auth/operator/token", "{\"key\":\"" + ParleySystem.OPERATOR_KEY + "\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String auth = "Bearer " + issued.json().get("token").asString();

        assertThat(as("default", auth, "GET", "/api/admin/users?limit=1", null).status()).isEqualTo(200);
        assertThat(as("default", auth, "GET", "/api/admin/chat/user-stats", null).status()).isEqualTo(200);
        for (String path : List.of("/api/user", "/api/convos", "/api/agents", "/api/files", "/api/mcp/servers")) {
            assertThat(as("default", auth, "GET", path, null).status()).as(path).isEqualTo(403);
        }
    }

    @Test
    void aScriptWithoutAllItsArgumentsGetsOneErrorLineAndAUsageExit() {
        Run run = admin("ban-user");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("Error: missing <email>").doesNotContain("\n");
    }
}
