/**
 * agent-service: LibreChat's agents behind {@code /api/agents} and {@code parley.agent.v1.Agents}, with
 * their versions, sharing and marketplace; here the application and its settings, in the feature
 * packages the rest. Calls nothing of its sub-packages.
 */
@NullMarked
package io.parley.agent;

import org.jspecify.annotations.NullMarked;
