package io.parley.chat.message;

import java.util.List;
import java.util.Map;

/** A message as LibreChat's client saves one; typed so that a wrong type is a 400, not stored. */
record MessageInput(String messageId, String conversationId, String parentMessageId, String sender, String text,
                    List<Map<String, Object>> content, Boolean isCreatedByUser, String model, String endpoint,
                    Integer tokenCount, Boolean error, Boolean unfinished, List<Map<String, Object>> files,
                    List<Map<String, Object>> attachments, String iconURL) {
}
