package io.parley.mcp.server;

/**
 * A person's server was changed or deleted: connections opened with its earlier configuration must
 * close. Published synchronously before the change is answered.
 */
public record ServerChanged(ServerRef server) {
}
