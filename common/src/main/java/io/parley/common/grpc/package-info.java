/**
 * gRPC between services: the caller's token relayed on every call, the one mapping of errors to statuses and
 * back, the key set over gRPC and health.
 */
@NullMarked
package io.parley.common.grpc;

import org.jspecify.annotations.NullMarked;
