/**
 * MongoDB for every service: the embedded MongoDB-wire store by default, durable writes on a real one, health
 * by a real query.
 */
@NullMarked
package io.parley.common.mongo;

import org.jspecify.annotations.NullMarked;
