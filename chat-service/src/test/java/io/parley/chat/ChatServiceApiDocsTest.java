package io.parley.chat;

import io.parley.common.test.ApiDocsContract;

class ChatServiceApiDocsTest extends ApiDocsContract {
}
