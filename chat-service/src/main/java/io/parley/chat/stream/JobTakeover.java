package io.parley.chat.stream;

/**
 * Finishes a job whose instance stopped before the job did (a crash, a kill, a lost network): called
 * on the one instance that took the job over, which then sends the returned event to every follower
 * and marks the job ended. A failure leaves the job to be taken over again after another lease.
 */
public interface JobTakeover {

    /** Saves what the job had produced and returns the terminal event its followers get. */
    StreamEvent finish(OrphanedJob orphan);
}
