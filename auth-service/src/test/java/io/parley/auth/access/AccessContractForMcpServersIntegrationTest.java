package io.parley.auth.access;

/** {@link AccessContractIntegrationTest} on mcpServer resources, the type whose stand-in another service's tests use. */
class AccessContractForMcpServersIntegrationTest extends AccessContractIntegrationTest {

    @Override
    public String resourceType() {
        return "mcpServer";
    }
}
