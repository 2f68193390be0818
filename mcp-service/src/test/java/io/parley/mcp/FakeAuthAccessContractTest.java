package io.parley.mcp;

import io.parley.common.test.FakeAccess;
import io.parley.common.test.LoopbackAccessContract;

/** mcp-service's stand-in of auth-service's Access answers as the real service does, on MCP servers. */
class FakeAuthAccessContractTest extends LoopbackAccessContract {

    private static final FakeAuth AUTH = new FakeAuth();

    FakeAuthAccessContractTest() {
        super(AUTH.port());
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
