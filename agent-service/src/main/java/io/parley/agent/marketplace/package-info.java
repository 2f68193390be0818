/**
 * The marketplace: agents shared with the caller or the public, promoted first; categories; and each
 * person's installed agents, the {@code agent_installs} collection it owns. Account erasure reaches installs
 * through {@link io.parley.agent.marketplace.Marketplace}; calls the agents' API in
 * {@code io.parley.agent.definition}.
 */
@NullMarked
package io.parley.agent.marketplace;

import org.jspecify.annotations.NullMarked;
