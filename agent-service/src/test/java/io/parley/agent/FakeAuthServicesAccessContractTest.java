package io.parley.agent;

import io.parley.common.test.LoopbackAccessContract;

/** agent-service's stand-in of auth-service's Access answers as the real service does, on agents. */
class FakeAuthServicesAccessContractTest extends LoopbackAccessContract {

    private static final FakeAuthServices AUTH = new FakeAuthServices();

    FakeAuthServicesAccessContractTest() {
        super(AUTH.port());
    }

    @Override
    public void grant(Tenant tenant, String resourceId, Person grantee, String accessRoleId) {
        AUTH.grant(tenant.id(), resourceId, "user", grantee.id(), accessRoleId);
    }
}
