package io.parley.chat.stream;

import java.util.List;

/**
 * The steers of a person's conversation, kept apart from its job's event log: queued ones wait for the
 * running job's next boundary; once taken they are kept, with their state, for as long as the job's
 * events are, so that a client that reconnects (or retries a steer) learns what became of each. In
 * memory with one instance, in Redis with several, so that whichever instance serves a steer, the
 * instance running the job (or one that took it over) sees it.
 */
interface SteerQueue {

    /**
     * Queues {@code steer} for the running job of its generation unless {@code max} steers wait already;
     * a steer whose client id was seen before is not queued again but answered as it stands.
     */
    SteerEnqueued enqueue(JobKey key, Steer steer, int max);

    /** The waiting steers, in the order they came, now {@link Steer.State#APPLIED}. */
    List<Steer> apply(JobKey key);

    /**
     * Ends the job's steering: the waiting steers are left over and no more are taken for it.
     *
     * @return every left-over steer of the job, oldest first (also those an earlier call left over)
     */
    List<Steer> close(JobKey key, long generation);

    /** Takes back a steer still waiting, or one left over; true when it is (now) cancelled. */
    boolean cancel(JobKey key, String steerId);

    /** A left-over steer was sent as a new turn: no longer offered for recovery. */
    void consume(JobKey key, String steerId);

    /** Every steer kept for the conversation: the waiting ones in queue order, then the rest oldest first. */
    List<Steer> all(JobKey key);
}
