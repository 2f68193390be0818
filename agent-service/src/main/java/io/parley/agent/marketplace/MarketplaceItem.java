package io.parley.agent.marketplace;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.parley.agent.definition.AgentListItem;

/**
 * An item of the marketplace: a list item, with who made it (their username) and whether the caller
 * installed it.
 */
record MarketplaceItem(@JsonUnwrapped AgentListItem agent, String authorName, boolean installed) {
}
