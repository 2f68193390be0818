package io.parley.chat.turn;

import io.parley.chat.message.Message;
import java.util.Map;

/**
 * The conversation a turn goes on in.
 *
 * @param isNew    no conversation yet: the turn's first message creates it
 * @param messages the conversation's stored messages by id; empty for a new one
 */
record TurnConversation(String id, boolean isNew, Map<String, Message> messages) {
}
