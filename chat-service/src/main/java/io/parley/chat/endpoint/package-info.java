/**
 * Endpoints and models ({@code /api/endpoints}, {@code /api/models}, {@code /api/endpoints/token-config})
 * from librechat.yaml and the providers' settings, and {@code /api/config} with auth-service's sign-in
 * settings. Calls {@code provider}.
 */
@NullMarked
package io.parley.chat.endpoint;

import org.jspecify.annotations.NullMarked;
