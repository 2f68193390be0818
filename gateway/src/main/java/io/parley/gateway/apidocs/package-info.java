/**
 * The services' OpenAPI descriptions together at {@code /api/docs} in Swagger UI, when {@code PARLEY_API_DOCS}
 * turns them on: each description fetched through the gateway from its service's {@code /v3/api-docs}.
 */
@NullMarked
package io.parley.gateway.apidocs;

import org.jspecify.annotations.NullMarked;
