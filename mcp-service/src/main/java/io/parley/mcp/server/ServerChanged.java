package io.parley.mcp.server;

/**
 * A person's server was changed or deleted: connections opened with its earlier configuration must
 * close, and a deleted server's sign-ins are forgotten. Published synchronously before the change is
 * answered.
 *
 * @param deleted whether the server is gone (rather than changed)
 */
public record ServerChanged(ServerRef server, boolean deleted) {
}
