/**
 * The SSRF guard every outbound MCP URL passes, with librechat.yaml's {@code mcpSettings}. Calls nothing of
 * mcp-service.
 */
@NullMarked
package io.parley.mcp.guard;

import org.jspecify.annotations.NullMarked;
