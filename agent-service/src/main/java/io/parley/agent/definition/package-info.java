/**
 * Agents themselves: create, change (each change a version), revert, duplicate, delete and list them, over
 * HTTP and for chat-service's runs over gRPC; owns the {@code agents} collection. Other features reach
 * agents through {@link io.parley.agent.definition.Agents} and
 * {@link io.parley.agent.definition.AgentAccess} only; calls {@code io.parley.agent.support} and
 * auth-service's Access and Roles.
 */
@NullMarked
package io.parley.agent.definition;

import org.jspecify.annotations.NullMarked;
