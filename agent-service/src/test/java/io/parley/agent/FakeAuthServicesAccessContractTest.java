package io.parley.agent;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.parley.common.test.AccessContract;
import io.parley.common.test.GrpcCalls;
import org.junit.jupiter.api.AfterAll;

/** agent-service's stand-in of auth-service's Access answers as the real service does, on agents. */
class FakeAuthServicesAccessContractTest implements AccessContract {

    private static final FakeAuthServices AUTH = new FakeAuthServices();
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
    public void grant(Tenant tenant, String resourceId, Person grantee, String accessRoleId) {
        AUTH.grant(tenant.id(), resourceId, "user", grantee.id(), accessRoleId);
    }
}
