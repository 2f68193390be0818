/**
 * Where bytes live: local disk, S3, Azure Blob and Firebase (Cloud Storage) behind one {@code FileStorage},
 * streamed both ways, chosen per kind of file.
 */
@NullMarked
package io.parley.file.storage;

import org.jspecify.annotations.NullMarked;
