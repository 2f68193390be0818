/**
 * Trying a server's configuration before saving it. Calls {@code server}, {@code connection} and
 * {@code tool}.
 */
@NullMarked
package io.parley.mcp.probe;

import org.jspecify.annotations.NullMarked;
