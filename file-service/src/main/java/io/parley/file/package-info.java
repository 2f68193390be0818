/**
 * file-service: uploads, downloads, avatars and images, on the configured storage strategies.
 */
@NullMarked
package io.parley.file;

import org.jspecify.annotations.NullMarked;
