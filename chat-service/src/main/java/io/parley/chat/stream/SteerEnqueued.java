package io.parley.chat.stream;

import org.jspecify.annotations.Nullable;

/**
 * What became of a steer sent to a job.
 *
 * @param steer    the steer queued, or for {@link Outcome#REPLAYED} the one sent before with the same client id
 *                 (in its present state); null when refused
 * @param position its place in the queue from 1, or 0 when it is no longer queued
 */
public record SteerEnqueued(Outcome outcome, @Nullable Steer steer, int position) {

    public enum Outcome {
        QUEUED,
        /** The client sent this steer before: nothing new was queued. */
        REPLAYED,
        /** No running job of that generation, or it no longer takes steers. */
        NOT_RUNNING,
        /** As many steers wait as a job may hold. */
        FULL
    }

    static SteerEnqueued refused(Outcome outcome) {
        return new SteerEnqueued(outcome, null, 0);
    }
}
