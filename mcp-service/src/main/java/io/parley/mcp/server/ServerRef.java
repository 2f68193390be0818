package io.parley.mcp.server;

/**
 * A server a person may use.
 *
 * @param scope what its connections are shared within: {@code *} for the operator's servers, the
 *              tenant and id for a user-managed one (names are only unique per tenant)
 * @param id    the stored id (the ACL resource id) of a user-managed server; null for the operator's
 */
public record ServerRef(String name, String scope, ServerConfig config, String id) {

    public static final String OPERATOR = "*";

    public boolean userManaged() {
        return id != null;
    }
}
