package io.parley.auth.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.auth.OperatorKeyIntegrationTest;
import io.parley.proto.auth.v1.CheckPermissionRequest;
import io.parley.proto.auth.v1.RolesGrpc;
import io.parley.common.test.Http;
import io.parley.common.test.LibreChatImports;
import io.parley.proto.common.v1.ImportOutcome;
import java.util.List;
import org.bson.types.ObjectId;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator key exchanged for a token, and what that token may do: an ADMIN of one tenant on the
 * admin routes and on gRPC's LibreChatImport, nobody anywhere else (403 on the routes that act for "me", signed
 * out on public ones, refused by every other gRPC method).
 */
class OperatorTokenIntegrationTest extends OperatorKeyIntegrationTest {

    private Http.Response exchange(String body, String tenant, String clientIp) {
        return http.post("/api/auth/operator/token", body, "X-Parley-Tenant", tenant, "X-Parley-Client-Ip", clientIp);
    }

    @Test
    void theKeyGivesAShortLivedAdminTokenOfTheRequestsTenantWithTheOperatorAsSubject() {
        String tenant = uniqueTenant();
        Http.Response issued = exchange("{\"key\":\"" + OPERATOR_KEY + "\",\"tenant\":\"" + tenant + "\"}", tenant, "10.1.0.1");

        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.json().get("tenant").asString()).isEqualTo(tenant);
        JsonNode claims = Http.parse(new String(Base64.getUrlDecoder().decode(
                issued.json().get("token").asString().split("\\.")[1])));
        assertThat(claims.get("sub").asString()).isEqualTo("operator");
        assertThat(claims.get("role").asString()).isEqualTo("ADMIN");
        assertThat(claims.get("tenant").asString()).isEqualTo(tenant);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
    }

    @Test
    void aWrongKeyIsRefusedAndAfterLoginMaxFailuresEvenTheRightOneWaits() {
        String tenant = uniqueTenant();
        for (int i = 0; i < 3; i++) {
            Http.Response wrong = exchange("{\"key\":\"" + "f".repeat(64) + "\"}", tenant, "10.2.0.1");
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.body()).doesNotContain("f".repeat(64));
        }
        assertThat(exchange("{\"key\":\"" + OPERATOR_KEY + "\"}", tenant, "10.2.0.1").status()).isEqualTo(429);
        assertThat(exchange("{\"key\":\"" + OPERATOR_KEY + "\"}", tenant, "10.2.0.2").status()).isEqualTo(200);
    }

    @Test
    void aTenantOtherThanTheAddressesIsA400AndAMissingKeyToo() {
        Http.Response other = exchange("{\"key\":\"" + OPERATOR_KEY + "\",\"tenant\":\"acme\"}", uniqueTenant(), "10.3.0.1");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("message").asString()).contains("not 'acme'");
        assertThat(exchange("{}", uniqueTenant(), "10.3.0.1").status()).isEqualTo(400);
        assertThat(exchange(null, uniqueTenant(), "10.3.0.1").status()).isEqualTo(400);
    }

    @Test
    void anOperatorMakesTheFirstAdminOfAFreshTenantWhileRegistrationIsClosed() {
        String tenant = uniqueTenant();
        String email = uniqueEmail();
        assertThat(register(email, "X-Parley-Tenant", tenant).status()).isEqualTo(403);
        String token = operatorToken(tenant);

        Http.Response created = http.post("/api/admin/users", """
                {"email":"%s","name":"First Admin","password":"%s"}""".formatted(email, PASSWORD),
                "Authorization", "Bearer " + token, "X-Parley-Tenant", tenant);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/user/role").asString()).isEqualTo("ADMIN");
        assertThat(login(email, PASSWORD, "X-Parley-Tenant", tenant).json().at("/user/role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void theTokenIsNobodyOutsideTheAdminRoutes() {
        String tenant = uniqueTenant();
        String token = operatorToken(tenant);
        String[] auth = {"Authorization", "Bearer " + token, "X-Parley-Tenant", tenant};

        assertThat(http.get("/api/admin/users", auth).status()).isEqualTo(200);
        for (String path : new String[] {"/api/user", "/api/balance", "/api/user/terms", "/api/roles/USER",
                "/api/user/settings/favorites"}) {
            Http.Response refused = http.get(path, auth);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.json().get("message").asString()).as(path).contains("admin routes");
        }
        assertThat(http.send("DELETE", "/api/user/delete", null, auth).status()).isEqualTo(403);
        assertThat(http.post("/api/balance/deduct", "{\"amount\":1,\"requestId\":\"r\"}", auth).status()).isEqualTo(403);
        assertThat(http.post("/api/auth/logout", null, auth).status()).isEqualTo(403);
        assertThat(http.get("/api/banner", auth).status()).isEqualTo(200);
    }

    @Test
    void gRpcRefusesTheTokenItStandsForNoPerson() {
        ManagedChannel channel = grpcChannel();
        try {
            RolesGrpc.RolesBlockingStub roles = as(RolesGrpc.newBlockingStub(channel), operatorToken(uniqueTenant()));
            assertThatThrownBy(() -> roles.checkPermission(CheckPermissionRequest.newBuilder()
                    .setPermissionType("PROMPTS").setPermission("USE").build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void gRpcTakesTheTokenOnTheLibreChatImportWhichWritesIntoItsTenant() {
        String tenant = uniqueTenant();
        String email = uniqueEmail();
        ManagedChannel channel = grpcChannel();
        try {
            ImportOutcome outcome = LibreChatImports.send(channel, operatorToken(tenant), "users", false, List.of("""
                    {"_id":{"$oid":"%s"},"email":"%s","emailVerified":true,"provider":"google","googleId":"77",
                     "role":"USER"}""".formatted(new ObjectId().toHexString(), email)));

            assertThat(outcome.getWritten()).isEqualTo(1);
            assertThat(operatorUsers(tenant)).contains(email);
            assertThat(operatorUsers(uniqueTenant())).doesNotContain(email);
        } finally {
            channel.shutdownNow();
        }
    }

    private String operatorUsers(String tenant) {
        return http.get("/api/admin/users", "Authorization", "Bearer " + operatorToken(tenant), "X-Parley-Tenant", tenant).body();
    }
}
