package io.parley.common.body;

import org.jspecify.annotations.Nullable;

/**
 * A JSON request body kept as bytes until the route has checked who may touch what it names (an agent, a
 * conversation, a message). Spring would parse a typed body before the handler runs, so a stranger's
 * malformed body would be a 400 about the body instead of the 403/404 about the resource, and would tell
 * them the id exists. {@link BodyReader} reads it once the route allows; a controller takes it as
 * {@code @RequestBody(required = false) byte @Nullable [] body}.
 *
 * @param bytes the body as sent; null or empty when there was none
 */
public record UnreadBody(byte @Nullable [] bytes) {
}
