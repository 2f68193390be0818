package io.parley.agent.marketplace;

import java.time.Instant;
import org.bson.types.ObjectId;

/**
 * That a person installed an agent from the marketplace; one per person and agent.
 *
 * @param user    the person's user id
 * @param agent   the agent's {@code _id}
 * @param agentId LibreChat's id of the agent ({@code agent_…})
 */
record Install(String tenantId, String user, ObjectId agent, String agentId, Instant installedAt) {
}
