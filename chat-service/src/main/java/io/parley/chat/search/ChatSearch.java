package io.parley.chat.search;

import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Finding a person's conversations and messages by words. Every word must occur (case-insensitive),
 * always within one user's data. {@link StoreSearch} runs on any store; a Meilisearch or Atlas
 * Search implementation takes its place by implementing this interface (and replacing that bean).
 */
public interface ChatSearch {

    /** Ids of the user's conversations whose title, or one of whose messages, contains every word. */
    Set<String> conversationIds(String tenantId, String user, String text, int limit);

    /** The user's messages whose text contains every word, newest first. */
    List<Document> messages(String tenantId, String user, String text, int limit);

    /** Whether search answers (LibreChat's {@code GET /api/search/enable}). */
    boolean enabled();
}
