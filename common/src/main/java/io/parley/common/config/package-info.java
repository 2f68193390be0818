/**
 * Settings every process shares (lowest-precedence defaults, gRPC channel deadlines) and librechat.yaml
 * reading.
 */
@NullMarked
package io.parley.common.config;

import org.jspecify.annotations.NullMarked;
