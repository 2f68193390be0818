package io.parley.chat;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.parley.common.test.AccessContract;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.GrpcCalls;
import org.junit.jupiter.api.AfterAll;

/** chat-service's stand-in of auth-service's Access answers as the real service does, on prompt groups. */
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
    public String resourceType() {
        return "promptGroup";
    }

    @Override
    public void grant(Tenant tenant, String resourceId, Person grantee, String accessRoleId) {
        AUTH.grant(resourceId, grantee.id(), FakeAccess.bitsOf(resourceType(), accessRoleId));
    }
}
