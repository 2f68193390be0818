/**
 * Custom user variables of servers (LibreChat's plugin auth values), stored encrypted. Calls
 * {@code connection} and {@code server}.
 */
@NullMarked
package io.parley.mcp.uservar;

import org.jspecify.annotations.NullMarked;
