/**
 * What every service's OpenAPI description (springdoc, {@code /v3/api-docs}) shares: its title, the gateway as its
 * server, the bearer token it asks for, and its place among the paths read without a token.
 */
@NullMarked
package io.parley.common.apidocs;

import org.jspecify.annotations.NullMarked;
