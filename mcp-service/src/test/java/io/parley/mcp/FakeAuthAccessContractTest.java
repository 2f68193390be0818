package io.parley.mcp;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.parley.common.test.AccessContract;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.GrpcCalls;
import org.junit.jupiter.api.AfterAll;

/** mcp-service's stand-in of auth-service's Access answers as the real service does, on MCP servers. */
class FakeAuthAccessContractTest implements AccessContract {

    private static final FakeAuth AUTH = new FakeAuth();
    private static final ManagedChannel CHANNEL = GrpcCalls.loopback(AUTH.port());

    @AfterAll
    static void disconnect() {
        CHANNEL.shutdownNow();
    }

    @Override
    public Channel channel() {
        return CHANNEL;
    }

    @Override
    public Tenant newTenant() {
        return AccessContract.tokensOnly();
    }

    @Override
    public String resourceType() {
        return "mcpServer";
    }

    @Override
    public void grant(Tenant tenant, String resourceId, Person grantee, String accessRoleId) {
        AUTH.grant(tenant.id(), resourceId, grantee.id(), FakeAccess.bitsOf(resourceType(), accessRoleId));
    }
}
