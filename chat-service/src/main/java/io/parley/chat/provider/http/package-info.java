/**
 * The HTTP exchange the wire formats share: requests with retries, backoff, read timeouts and cancellation
 * ({@link io.parley.chat.provider.http.ProviderHttp} over the shared clients of
 * {@link io.parley.chat.provider.http.ProviderClients}), server-sent events and error bodies. Calls the
 * root {@code provider} API and {@code provider.wire}.
 */
@NullMarked
package io.parley.chat.provider.http;

import org.jspecify.annotations.NullMarked;
