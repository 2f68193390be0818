/**
 * What every feature's web side shares: the one-sentence answer. Request bodies are read by common's
 * {@code io.parley.common.body}. Calls nothing of agent-service's features.
 */
@NullMarked
package io.parley.agent.support;

import org.jspecify.annotations.NullMarked;
