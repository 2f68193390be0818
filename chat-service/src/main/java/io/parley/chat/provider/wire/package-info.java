/**
 * The pieces of request and answer bodies the wire formats share: LibreChat's model parameters
 * ({@link io.parley.chat.provider.wire.Params}), strictly alternating turns, the answer assembled from
 * pieces ({@link io.parley.chat.provider.wire.Answer}) and null-tolerant JSON reading. Calls only the root
 * {@code provider} API.
 */
@NullMarked
package io.parley.chat.provider.wire;

import org.jspecify.annotations.NullMarked;
