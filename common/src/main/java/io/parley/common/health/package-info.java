/**
 * A health check that runs a real query with a deadline.
 */
@NullMarked
package io.parley.common.health;

import org.jspecify.annotations.NullMarked;
