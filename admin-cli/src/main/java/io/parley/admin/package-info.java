/**
 * The admin commands' frame: arguments, prompts, the one-line failure, and the way in to a running
 * installation (the gateway, an operator's or an admin's token). The commands are in {@code commands}.
 */
@NullMarked
package io.parley.admin;

import org.jspecify.annotations.NullMarked;
