/**
 * Erasing a deleted account's servers, connections and variables. Calls {@code server}, {@code connection}
 * and {@code uservar}.
 */
@NullMarked
package io.parley.mcp.account;

import org.jspecify.annotations.NullMarked;
