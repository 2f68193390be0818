package io.parley.chat.stream;

import java.util.List;

/**
 * A running job whose instance stopped renewing its lease, as the instance that took it over found it
 * in Redis.
 *
 * @param handover  what the job's owner left for finishing it ({@link Jobs#handover}); null when it
 *                  stopped before leaving anything, i.e. before the job emitted its first event
 * @param settledAs the settlement context its owner chose ({@link Jobs#settleAs}); non-null means the
 *                  owner had already saved the answer
 * @param events    the job's events as far as they reached the shared log; the last is terminal only when
 *                  its owner sent the end but stopped before recording it, and then there is nothing to finish
 */
public record OrphanedJob(JobKey key, JobInfo info, String handover, String settledAs, List<StreamEvent> events) {
}
