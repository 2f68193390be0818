/**
 * What every feature's web side shares: reading a JSON body into a checked request record (once the route
 * allows reading it) and the one-sentence answer. Calls nothing of agent-service's features.
 */
@NullMarked
package io.parley.agent.support;

import org.jspecify.annotations.NullMarked;
