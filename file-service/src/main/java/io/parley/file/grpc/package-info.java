/**
 * The {@code parley.file.v1.Files} gRPC service other services call for the person whose token they relay:
 * files by ids, attaching them to a message, reading bytes, storing an attachment or avatar. It spans the
 * records, uploads and avatars, so it sits above them rather than in one. Calls {@code files},
 * {@code upload}, {@code avatar} and {@code limits}.
 */
@NullMarked
package io.parley.file.grpc;

import org.jspecify.annotations.NullMarked;
