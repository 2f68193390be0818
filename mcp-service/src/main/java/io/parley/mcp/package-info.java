/**
 * mcp-service: MCP servers (the operator's and people's own), their connections and tools.
 */
@NullMarked
package io.parley.mcp;

import org.jspecify.annotations.NullMarked;
