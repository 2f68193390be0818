/**
 * Request ids: accepted from the gateway or made, carried in the MDC and back in error bodies.
 */
@NullMarked
package io.parley.common.request;

import org.jspecify.annotations.NullMarked;
