/**
 * Importing conversations (the exports of LibreChat, Claude, ChatGPT and chatbot-ui) and exporting one. Calls
 * {@code convo} and {@code message}.
 */
@NullMarked
package io.parley.chat.transfer;

import org.jspecify.annotations.NullMarked;
