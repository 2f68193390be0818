/**
 * Connections to MCP servers through the official SDK, per person and server, and their states. Calls
 * {@code server} for configurations and {@code guard} before each connect.
 */
@NullMarked
package io.parley.mcp.connection;

import org.jspecify.annotations.NullMarked;
