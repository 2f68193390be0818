/** Keyset paging for the services' lists: one sort order, one cursor format, one way to ask for the next page. */
@NullMarked
package io.parley.common.paging;

import org.jspecify.annotations.NullMarked;
