package io.parley.chat;

import io.parley.common.test.ServiceBootContract;

class ChatServiceBootTest extends ServiceBootContract {
}
