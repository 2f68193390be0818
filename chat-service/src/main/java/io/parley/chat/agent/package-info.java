/**
 * Runs of saved agents: a run prepared from agent-service's agent and mcp-service's tools, and those
 * tools called for the person whose authentication the thread carries. May call agent-service and
 * mcp-service over gRPC, the endpoint catalog and the role check; knows nothing of turns.
 */
@NullMarked
package io.parley.chat.agent;

import org.jspecify.annotations.NullMarked;
