package io.parley.auth.access;

/** {@link AccessContractIntegrationTest} on promptGroup resources, the type whose stand-in another service's tests use. */
class AccessContractForPromptGroupsIntegrationTest extends AccessContractIntegrationTest {

    @Override
    public String resourceType() {
        return "promptGroup";
    }
}
