/**
 * Request bodies read into checked records: strictly typed, every problem in one 400 with {@code details}, and
 * read only once the route has checked who may touch what the request names.
 */
@NullMarked
package io.parley.common.body;

import org.jspecify.annotations.NullMarked;
