/**
 * LibreChat's speech settings for the web client ({@code GET /api/files/speech/config/get}). Parley serves
 * no speech-to-text or text-to-speech of its own, so the client keeps to the browser's. Calls no other feature.
 */
@NullMarked
package io.parley.file.speech;

import org.jspecify.annotations.NullMarked;
