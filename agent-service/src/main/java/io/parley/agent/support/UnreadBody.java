package io.parley.agent.support;

import org.jspecify.annotations.Nullable;

/**
 * A JSON request body kept as bytes until the route has checked who may touch the agent it names.
 * Spring would parse a typed body before the handler runs, so a stranger's malformed body would be a
 * 400 about the body instead of the 403/404 about the agent, and would tell them the id exists.
 * {@link BodyReader} reads it once the route allows.
 *
 * @param bytes the body as sent; null or empty when there was none
 */
public record UnreadBody(byte @Nullable [] bytes) {
}
