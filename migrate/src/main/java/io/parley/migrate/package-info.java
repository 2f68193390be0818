/**
 * {@code ./parley migrate-librechat}: reads a LibreChat 0.8 MongoDB database and hands each collection to the
 * Parley service that owns its data, over that service's {@code LibreChatImport} gRPC service, with progress on
 * stderr and a summary on stdout. The services map and write; this command only reads, batches and reports.
 */
@NullMarked
package io.parley.migrate;

import org.jspecify.annotations.NullMarked;
