/**
 * The embedded MongoDB-wire store's backends, taught to answer equality queries from their indexes instead of
 * scanning whole collections.
 */
@NullMarked
package io.parley.common.mongo.embedded;

import org.jspecify.annotations.NullMarked;

