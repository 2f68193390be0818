package io.parley.chat.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link SteerQueue} of a single instance, beside its jobs in memory. One lock for every conversation:
 * steers are rare and each step is a few map operations. A conversation's steers go once no job of it
 * is known here any more ({@link #forgetGone}).
 */
final class LocalSteerQueue implements SteerQueue {

    private static final class Log {
        final Map<String, Steer> byId = new LinkedHashMap<>();
        final Map<String, String> byClientId = new HashMap<>();
        final List<String> queue = new ArrayList<>();
        long closedGeneration = -1;
    }

    private final Map<JobKey, LiveJob> jobs;
    private final Map<JobKey, Log> logs = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    LocalSteerQueue(Map<JobKey, LiveJob> jobs) {
        this.jobs = jobs;
    }

    @Override
    public SteerEnqueued enqueue(JobKey key, Steer steer, int max) {
        lock.lock();
        try {
            Log log = logs.get(key);
            if (log != null && steer.clientSteerId() != null && log.byClientId.containsKey(steer.clientSteerId())) {
                String known = log.byClientId.get(steer.clientSteerId());
                return new SteerEnqueued(SteerEnqueued.Outcome.REPLAYED, log.byId.get(known), log.queue.indexOf(known) + 1);
            }
            LiveJob job = jobs.get(key);
            boolean running = job != null && !job.ended() && !job.superseded()
                    && job.info().createdAt().toEpochMilli() == steer.generation();
            if (!running || (log != null && log.closedGeneration == steer.generation())) {
                return SteerEnqueued.refused(SteerEnqueued.Outcome.NOT_RUNNING);
            }
            if (log == null) {
                log = new Log();
                logs.put(key, log);
            }
            if (log.queue.size() >= max) {
                return SteerEnqueued.refused(SteerEnqueued.Outcome.FULL);
            }
            Steer queued = steer.in(Steer.State.QUEUED);
            log.byId.put(queued.steerId(), queued);
            if (queued.clientSteerId() != null) {
                log.byClientId.put(queued.clientSteerId(), queued.steerId());
            }
            log.queue.add(queued.steerId());
            return new SteerEnqueued(SteerEnqueued.Outcome.QUEUED, queued, log.queue.size());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Steer> apply(JobKey key) {
        lock.lock();
        try {
            Log log = logs.get(key);
            return log == null ? List.of() : drain(log, Steer.State.APPLIED);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Steer> close(JobKey key, long generation) {
        lock.lock();
        try {
            Log log = logs.get(key);
            if (log == null) {
                log = new Log();
                logs.put(key, log);
            }
            drain(log, Steer.State.LEFTOVER);
            log.closedGeneration = generation;
            return log.byId.values().stream()
                    .filter(s -> s.state() == Steer.State.LEFTOVER && s.generation() == generation)
                    .sorted(Comparator.comparingLong(Steer::createdAt)).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean cancel(JobKey key, String steerId) {
        lock.lock();
        try {
            Log log = logs.get(key);
            Steer steer = log == null ? null : log.byId.get(steerId);
            if (steer == null) {
                return false;
            }
            return switch (steer.state()) {
                case QUEUED, LEFTOVER -> {
                    log.queue.remove(steerId);
                    log.byId.put(steerId, steer.in(Steer.State.CANCELLED));
                    yield true;
                }
                case CANCELLED -> true;
                case APPLIED, CONSUMED -> false;
            };
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void consume(JobKey key, String steerId) {
        lock.lock();
        try {
            Log log = logs.get(key);
            Steer steer = log == null ? null : log.byId.get(steerId);
            if (steer != null && steer.state() == Steer.State.LEFTOVER) {
                log.byId.put(steerId, steer.in(Steer.State.CONSUMED));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Steer> all(JobKey key) {
        lock.lock();
        try {
            Log log = logs.get(key);
            if (log == null) {
                return List.of();
            }
            List<Steer> out = new ArrayList<>();
            log.queue.forEach(id -> out.add(log.byId.get(id)));
            log.byId.values().stream().filter(s -> s.state() != Steer.State.QUEUED)
                    .sorted(Comparator.comparingLong(Steer::createdAt)).forEach(out::add);
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the steers of conversations whose job this instance no longer keeps (its retention is over). */
    void forgetGone() {
        lock.lock();
        try {
            logs.keySet().removeIf(key -> !jobs.containsKey(key));
        } finally {
            lock.unlock();
        }
    }

    private static List<Steer> drain(Log log, Steer.State to) {
        List<Steer> taken = new ArrayList<>(log.queue.size());
        for (String id : log.queue) {
            Steer steer = log.byId.get(id).in(to);
            log.byId.put(id, steer);
            taken.add(steer);
        }
        log.queue.clear();
        return taken;
    }
}
