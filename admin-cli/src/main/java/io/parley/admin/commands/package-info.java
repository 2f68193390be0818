/**
 * The commands, one per LibreChat admin script, with its arguments, prompts and words; each calls the
 * installation's admin routes through the gateway.
 */
@NullMarked
package io.parley.admin.commands;

import org.jspecify.annotations.NullMarked;
