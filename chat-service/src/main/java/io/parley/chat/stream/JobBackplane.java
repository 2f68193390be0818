package io.parley.chat.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What instances share about jobs, so that any of them can answer for a job another one runs:
 * the running set per user (the concurrency limit), each job's metadata and event log, and abort
 * requests. Absent when there is one instance and no Redis.
 */
interface JobBackplane {

    enum Claim { CLAIMED, AT_LIMIT, ALREADY_RUNNING }

    /** Records a starting job unless the user already runs {@code maxRunning} jobs or this one. */
    Claim claim(JobKey key, JobInfo info, int maxRunning, Duration maxDuration);

    /** Appends to the job's shared log; events of one job arrive in the order given. */
    void append(JobKey key, StreamEvent event);

    /** Marks the job ended: out of the running set; record and log kept for {@code retention}. */
    void finish(JobKey key, JobInfo.Status status, Duration retention);

    /** Drops a job that never started (its user message could not be saved). */
    void discard(JobKey key);

    Optional<JobInfo> find(JobKey key);

    /** Stream ids of the user's running jobs. */
    List<String> running(String tenantId, String user);

    /** The job's log from its first event, following it until its terminal event. */
    EventFeed feed(JobKey key);

    /** Asks the instance running the job to abort it. */
    void requestAbort(JobKey key);

    /** Called on every instance for every abort request. */
    void onAbortRequest(Consumer<JobKey> handler);
}
