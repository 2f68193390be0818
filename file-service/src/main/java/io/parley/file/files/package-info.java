/**
 * Files and their records: the {@code /api/files} routes, avatars, the {@code Files} gRPC service and the
 * clients of agent- and auth-service it needs. Calls {@code storage}, {@code image}, {@code limits} and
 * {@code scan}.
 */
@NullMarked
package io.parley.file.files;

import org.jspecify.annotations.NullMarked;
