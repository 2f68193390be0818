package io.parley.chat.convo;

/**
 * The shared links of a person's conversations, as the share feature keeps them. A conversation's
 * deletion removes its links before its messages, so a crash in between leaves a conversation to
 * delete again, never a public link to messages that are going.
 */
public interface ConversationLinks {

    /** @return how many links of the conversation went */
    long deleteConversation(String tenantId, String user, String conversationId);

    /** @return how many of the person's links went */
    long deleteAll(String tenantId, String user);
}
