/**
 * Account events across services (a deleted account), over Redis Streams or in process.
 */
@NullMarked
package io.parley.common.events;

import org.jspecify.annotations.NullMarked;
