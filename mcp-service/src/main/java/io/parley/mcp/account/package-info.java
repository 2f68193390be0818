/**
 * Erasing a deleted account's servers, connections, variables and OAuth tokens. Calls {@code server},
 * {@code connection}, {@code uservar} and {@code oauth}.
 */
@NullMarked
package io.parley.mcp.account;

import org.jspecify.annotations.NullMarked;
