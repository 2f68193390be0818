package io.parley.chat.stream;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What instances share about jobs, so that any of them can answer for a job another one runs:
 * the running set per user (the concurrency limit), each job's metadata and event log, and abort
 * requests, and each running job's lease: the instance running a job renews it, and when it lapses
 * (the instance died) another instance takes the job over and ends it. Absent when there is one
 * instance and no Redis.
 */
interface JobBackplane {

    enum Claim { CLAIMED, AT_LIMIT, ALREADY_RUNNING }

    /**
     * Records a starting job unless the user already runs {@code maxRunning} jobs or this one; a claimed
     * job is {@code owner}'s for {@code lease}.
     */
    Claim claim(JobKey key, JobInfo info, int maxRunning, Duration maxDuration, String owner, Duration lease);

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

    /**
     * Extends the leases {@code owner} holds on these running jobs by {@code lease} from now.
     *
     * @return the jobs among them that are no longer {@code owner}'s: taken over, or ended
     */
    Set<JobKey> renew(Collection<JobKey> keys, String owner, Duration lease);

    /** At most {@code max} running jobs whose lease has lapsed. */
    List<JobKey> lapsed(int max);

    /**
     * Makes the job {@code owner}'s for {@code lease} if it is still running and its lease has lapsed.
     * Atomic: of instances racing for one lapsed job, exactly one gets true.
     */
    boolean takeOver(JobKey key, String owner, Duration lease);

    /** The job as its instance left it, for the instance that took it over; empty once it is gone. */
    Optional<OrphanedJob> orphan(JobKey key);

    /** Keeps what another instance needs to finish the job should this one stop; opaque here. */
    void handover(JobKey key, String handover);

    /**
     * The context the job's hold is settled under, decided once per job: the first proposal wins and
     * every later caller gets it, so that a settlement repeated by another instance is the same
     * settlement (auth-service charges a hold once per context).
     */
    String settleAs(JobKey key, String proposed);
}
