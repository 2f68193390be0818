/**
 * Chat turns, LibreChat's resumable chat protocol: a turn is accepted in stages (plan, run kind, job),
 * runs on its job's thread and settles its answer and cost; its stream is followed, resumed and
 * stopped, and the person steers it while it runs. May call the conversation and message stores, chat projects,
 * stream jobs, endpoints, keys, agents,
 * attachments and providers, and auth-service's {@code Balances}.
 */
@NullMarked
package io.parley.chat.turn;

import org.jspecify.annotations.NullMarked;
