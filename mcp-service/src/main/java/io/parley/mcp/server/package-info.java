/**
 * Servers: the operator's from librechat.yaml and people's own with their ACL, secrets and placeholders.
 * Announces changes ({@code ServerChanged}) instead of calling {@code connection}; calls {@code guard}.
 */
@NullMarked
package io.parley.mcp.server;

import org.jspecify.annotations.NullMarked;
