/**
 * Bringing a LibreChat 0.8 database in ({@code ./parley migrate-librechat}): the gRPC {@code LibreChatImport}
 * service each owning service serves, the ADMIN check, and the accounting of a batch, over the
 * {@link io.parley.common.imports.LibreChatImporter}s a service's features declare.
 */
@NullMarked
package io.parley.common.imports;

import org.jspecify.annotations.NullMarked;
