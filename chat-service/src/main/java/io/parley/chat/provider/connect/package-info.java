/**
 * Turns a {@link io.parley.chat.provider.ProviderConnection} into the adapter of its wire format
 * ({@link io.parley.chat.provider.connect.ModelProviders}). Calls the adapters, {@code provider.http} and the
 * root {@code provider} API; the adapters never call back, so the root API stays below them.
 */
@NullMarked
package io.parley.chat.provider.connect;

import org.jspecify.annotations.NullMarked;
