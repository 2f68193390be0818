/**
 * librechat.yaml's {@code fileConfig}: size and type limits per endpoint.
 */
@NullMarked
package io.parley.file.limits;

import org.jspecify.annotations.NullMarked;
