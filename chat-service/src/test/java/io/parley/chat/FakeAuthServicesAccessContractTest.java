package io.parley.chat;

import io.parley.common.test.FakeAccess;
import io.parley.common.test.LoopbackAccessContract;

/** chat-service's stand-in of auth-service's Access answers as the real service does, on prompt groups. */
class FakeAuthServicesAccessContractTest extends LoopbackAccessContract {

    private static final FakeAuthServices AUTH = new FakeAuthServices();

    FakeAuthServicesAccessContractTest() {
        super(AUTH.port());
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
