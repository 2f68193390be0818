package io.parley.agent.definition;

import org.bson.types.ObjectId;

/** An agent was deleted (by its route or with its author's account); what refers to it goes too. */
public record AgentDeleted(String tenantId, ObjectId agentObjectId) {
}
