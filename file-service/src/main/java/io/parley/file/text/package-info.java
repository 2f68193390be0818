/**
 * The text of an uploaded document, for LibreChat's "Upload as Text" (tool resource {@code context}):
 * read with Apache Tika's PDF, Office, HTML and plain-text parsers, bounded in characters, time and
 * concurrent work. Calls no other feature.
 */
@NullMarked
package io.parley.file.text;

import org.jspecify.annotations.NullMarked;
