package io.parley.common.access;

import io.grpc.Server;
import io.parley.common.test.FakeAccess;
import io.parley.common.test.LoopbackAccessContract;
import io.parley.common.test.RelayedCaller;
import org.junit.jupiter.api.AfterAll;

/** The stand-in of auth-service's Access that services' tests build on answers as the real one does. */
class FakeAccessContractTest extends LoopbackAccessContract {

    private static final FakeAccess ACCESS = new FakeAccess();
    private static final Server SERVER = RelayedCaller.serve(ACCESS);

    FakeAccessContractTest() {
        super(SERVER.getPort());
    }

    @AfterAll
    static void stop() {
        SERVER.shutdownNow();
    }

    @Override
    public void grant(Tenant tenant, String resourceId, Person grantee, String accessRoleId) {
        ACCESS.grant(tenant.id(), resourceType(), resourceId, "user", grantee.id(), accessRoleId);
    }
}
