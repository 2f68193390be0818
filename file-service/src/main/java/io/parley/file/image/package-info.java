/**
 * Re-encoding uploaded images (size, format, quality) as LibreChat's image settings say.
 */
@NullMarked
package io.parley.file.image;

import org.jspecify.annotations.NullMarked;
