/**
 * Tools of the servers: listing and calling them, the {@code /api/mcp/tools} routes and the {@code Tools}
 * gRPC service chat-service runs agents' tools through. Calls {@code connection}, {@code server} and
 * {@code oauth} (the link of a sign-in a call needs).
 */
@NullMarked
package io.parley.mcp.tool;

import org.jspecify.annotations.NullMarked;
