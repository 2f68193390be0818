/**
 * Chat turns as resumable jobs: the live job and its event feed, the steers sent to it, leases and takeover
 * when an instance dies, the Redis backplane that lets any instance serve a stream. Calls {@code provider} for what a job's events
 * carry, and {@code message} for the content parts an answer is folded into.
 */
@NullMarked
package io.parley.chat.stream;

import org.jspecify.annotations.NullMarked;
