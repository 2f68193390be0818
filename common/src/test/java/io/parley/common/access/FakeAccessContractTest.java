package io.parley.common.access;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.parley.common.test.AccessContract;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.GrpcCalls;
import io.parley.common.test.RelayedCaller;
import org.junit.jupiter.api.AfterAll;

/** The stand-in of auth-service's Access that services' tests build on answers as the real one does. */
class FakeAccessContractTest implements AccessContract {

    private static final FakeAccess ACCESS = new FakeAccess();
    private static final Server SERVER = RelayedCaller.serve(ACCESS);
    private static final ManagedChannel CHANNEL = GrpcCalls.loopback(SERVER.getPort());

    @AfterAll
    static void stop() {
        CHANNEL.shutdownNow();
        SERVER.shutdownNow();
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
        ACCESS.grant(tenant.id(), resourceType(), resourceId, "user", grantee.id(), accessRoleId);
    }
}
