package io.parley.chat.convo;

/**
 * The messages of a person's conversations, as the message feature keeps them. A conversation's
 * deletion removes its messages first, so a crash in between leaves a conversation to delete again,
 * never orphaned messages.
 */
public interface ConversationMessages {

    /** @return how many messages of the conversation went */
    long deleteConversation(String tenantId, String user, String conversationId);

    /** @return how many of the person's messages went */
    long deleteAll(String tenantId, String user);
}
