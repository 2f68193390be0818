/**
 * Chat projects ({@code /api/projects}, LibreChat 0.8.7): a person's named folders of conversations, the
 * {@code chatprojects} collection it owns, and filing conversations under them through {@code Convos}.
 */
@NullMarked
package io.parley.chat.project;

import org.jspecify.annotations.NullMarked;
