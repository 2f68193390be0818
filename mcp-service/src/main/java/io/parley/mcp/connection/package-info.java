/**
 * Connections to MCP servers through the official SDK, per person and server, and their states. Calls
 * {@code server} for configurations and {@code guard} before each connect; a person's OAuth token comes
 * through {@code BearerTokens}, which {@code oauth} implements.
 */
@NullMarked
package io.parley.mcp.connection;

import org.jspecify.annotations.NullMarked;
