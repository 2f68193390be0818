/**
 * Erasing what agent-service keeps about a deleted account; stores nothing, and reaches agents and
 * installs through {@link io.parley.agent.definition.Agents} and
 * {@link io.parley.agent.marketplace.Marketplace}.
 */
@NullMarked
package io.parley.agent.account;

import org.jspecify.annotations.NullMarked;
