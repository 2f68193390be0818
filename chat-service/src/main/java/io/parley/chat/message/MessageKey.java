package io.parley.chat.message;

/** One stored message of a person: the tenant, its owner, its conversation and its id. */
record MessageKey(String tenantId, String user, String conversationId, String messageId) {
}
