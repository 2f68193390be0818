package io.parley.chat.attachment;

/**
 * The text of a document a person attached "as text" (LibreChat's tool resource {@code context}), as
 * file-service read it at upload, perhaps cut to what a turn asked for.
 */
public record FileText(String filename, String text) {
}
