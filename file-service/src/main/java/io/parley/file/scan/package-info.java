/**
 * Virus scanning of uploads through clamd, when configured.
 */
@NullMarked
package io.parley.file.scan;

import org.jspecify.annotations.NullMarked;
