/**
 * librechat.yaml's {@code fileConfig}: size and type limits per endpoint, and {@code GET /api/files/config}
 * that answers them. Calls no other feature.
 */
@NullMarked
package io.parley.file.limits;

import org.jspecify.annotations.NullMarked;
