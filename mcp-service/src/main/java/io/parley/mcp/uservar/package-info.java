/**
 * Custom user variables of servers (LibreChat's plugin auth values), stored encrypted. Calls
 * {@code connection}, {@code server} and {@code oauth} (revoking a sign-in).
 */
@NullMarked
package io.parley.mcp.uservar;

import org.jspecify.annotations.NullMarked;
