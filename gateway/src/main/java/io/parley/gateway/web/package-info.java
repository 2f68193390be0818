/**
 * LibreChat's web client, served from a build folder ({@code PARLEY_WEB_DIR}) as LibreChat's own server
 * serves it: the files with their types, caching and precompressed variants, and {@code index.html} for the
 * client's routes. Public, and outside the API's limits; the other features ask {@link
 * io.parley.gateway.web.WebClientFiles#serves} which requests those are.
 */
@NullMarked
package io.parley.gateway.web;

import org.jspecify.annotations.NullMarked;
