package io.parley.gateway.web;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * A file of the client build chosen to answer a request.
 *
 * @param path         the bytes to send (the precompressed variant when {@code encoding} is set)
 * @param size         of {@code path}, in bytes
 * @param contentType  of the file as requested, whatever its encoding
 * @param encoding     {@code br} or {@code gzip}; null: sent as stored
 * @param etag         strong, quoted; differs between a file's variants
 * @param cacheControl the {@code Cache-Control} value
 * @param varies       whether a precompressed variant exists, so the answer depends on {@code Accept-Encoding}
 */
record StaticFile(Path path, long size, MediaType contentType, @Nullable String encoding, String etag,
                  String cacheControl, boolean varies) {
}
