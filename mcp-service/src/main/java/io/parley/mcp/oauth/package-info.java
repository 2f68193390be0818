/**
 * Signing in to MCP servers that require OAuth (LibreChat's {@code requiresOAuth}): discovery of the
 * authorization server (RFC 9728, RFC 8414), dynamic client registration (RFC 7591), the PKCE flow
 * and its routes, people's tokens (sealed, renewed before they expire, revoked), and reinitialize.
 * Calls {@code server}, {@code guard} and {@code connection}, which reaches it only through
 * {@code connection.BearerTokens}.
 */
@NullMarked
package io.parley.mcp.oauth;

import org.jspecify.annotations.NullMarked;
