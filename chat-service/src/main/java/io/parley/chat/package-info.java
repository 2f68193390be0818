/**
 * chat-service: conversations, messages, presets, prompts, tags and keys, and chat turns streamed as
 * resumable jobs. Each subpackage is one feature; a feature's store is its own, others call its domain class.
 */
@NullMarked
package io.parley.chat;

import org.jspecify.annotations.NullMarked;
