/**
 * LibreChat's {@code /api/agents/tools} routes: the tools Parley offers agents besides MCP ones (none), the
 * records of tools called directly (none) and whether a built-in tool is set up. Stores nothing, calls nothing.
 */
@NullMarked
package io.parley.agent.tool;

import org.jspecify.annotations.NullMarked;
