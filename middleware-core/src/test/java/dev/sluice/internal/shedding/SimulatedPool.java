package dev.sluice.internal.shedding;

import dev.sluice.shedding.ConcurrencyLimit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;

/**
 * A pool of workers (a FIFO connection pool) behind a {@link ConcurrencyLimit}, simulated in virtual time so a
 * limit can be tested against a service of known capacity without sleeping. Requests arrive open-loop (Poisson,
 * seeded); each is admitted as {@link LoadShedder} admits a normal request (while in flight &lt; share × limit)
 * or, for the share of requests that are critical, a critical one (while in flight &lt; the critical limit),
 * waits for a worker, holds it for its service time and reports to the limit on completion, with virtual
 * timestamps.
 */
final class SimulatedPool {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private record Request(long start, int inFlightAtStart, long serviceNanos) {
    }

    private record Completion(long at, Request request) {
    }

    private final double normalShare;
    private final SplittableRandom random = new SplittableRandom(20261202L);
    private final PriorityQueue<Completion> completions = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final long[] now = {0};
    private ConcurrencyLimit limit;
    private double criticalShare;
    private int workers;
    private int busy;
    private int inFlight;

    SimulatedPool(int workers, double normalShare) {
        this.workers = workers;
        this.normalShare = normalShare;
    }

    SimulatedPool limit(ConcurrencyLimit limit) {
        this.limit = limit;
        return this;
    }

    /** From now on this share of the requests is critical. */
    SimulatedPool critical(double share) {
        this.criticalShare = share;
        return this;
    }

    /** From now on the pool has {@code workers} workers (a dependency's pool shrank or grew). */
    SimulatedPool workers(int workers) {
        this.workers = workers;
        while (busy < workers && !waiting.isEmpty()) {
            begin(waiting.poll());
        }
        return this;
    }

    /**
     * Offers {@code perSecond} requests a second for {@code seconds}, each served in {@code serviceMillis}
     * (a function of the seconds since this phase began), and reports what happened to them.
     */
    Phase run(double perSecond, double seconds, DoubleUnaryOperator serviceMillis) {
        long begin = now[0];
        long end = begin + (long) (seconds * SECOND);
        Phase phase = new Phase(begin);
        long next = begin + gap(perSecond);
        while (next < end) {
            completeUntil(next, phase);
            now[0] = next;
            double atSecond = (next - begin) / (double) SECOND;
            phase.sampleLimit(atSecond, limit.current());
            boolean critical = criticalShare > 0 && random.nextDouble() < criticalShare;
            int allowed = critical ? limit.criticalCurrent() : Math.max(1, (int) (limit.current() * normalShare));
            if (critical) {
                phase.critical++;
            }
            if (inFlight < allowed) {
                inFlight++;
                Request r = new Request(next, inFlight, (long) (serviceMillis.applyAsDouble(atSecond) * MS));
                if (busy < workers) {
                    begin(r);
                } else {
                    waiting.add(r);
                }
                phase.admitted++;
            } else {
                phase.refused++;
                phase.refusedAt.add(atSecond);
                if (critical) {
                    phase.criticalRefused++;
                    phase.criticalRefusedAtLimit.add(limit.current());
                }
            }
            next += gap(perSecond);
        }
        completeUntil(end, phase);
        now[0] = end;
        return phase;
    }

    private long gap(double perSecond) {
        return Math.max(1, (long) (-Math.log(1 - random.nextDouble()) * SECOND / perSecond));
    }

    private void begin(Request r) {
        busy++;
        completions.add(new Completion(now[0] + r.serviceNanos, r));
    }

    private void completeUntil(long t, Phase phase) {
        while (!completions.isEmpty() && completions.peek().at <= t) {
            Completion c = completions.poll();
            now[0] = c.at;
            busy--;
            inFlight--;
            long rtt = c.at - c.request.start;
            phase.latencies.add(rtt);
            limit.onSample(c.request.start, rtt, c.request.inFlightAtStart, false);
            while (busy < workers && !waiting.isEmpty()) {
                Request r = waiting.poll();
                busy++;
                completions.add(new Completion(now[0] + r.serviceNanos, r));
            }
        }
    }

    /** What one phase of load did. */
    static final class Phase {
        final long begin;
        int admitted;
        int refused;
        int critical;
        int criticalRefused;
        /** The limit (as other requests saw it) when each critical request was refused. */
        final List<Integer> criticalRefusedAtLimit = new ArrayList<>();
        final List<Double> refusedAt = new ArrayList<>();
        final List<Long> latencies = new ArrayList<>();
        int lowestLimit = Integer.MAX_VALUE;
        int highestLimit = Integer.MIN_VALUE;
        final List<int[]> limitBySecond = new ArrayList<>(); // {second, limit} at the first arrival of each second
        int lastLimit;

        Phase(long begin) {
            this.begin = begin;
        }

        void sampleLimit(double atSecond, int limit) {
            lowestLimit = Math.min(lowestLimit, limit);
            highestLimit = Math.max(highestLimit, limit);
            lastLimit = limit;
            int second = (int) atSecond;
            if (limitBySecond.isEmpty() || limitBySecond.get(limitBySecond.size() - 1)[0] != second) {
                limitBySecond.add(new int[] {second, limit});
            }
        }

        /** The limit at the first arrival of each second from {@code from} on. */
        List<Integer> limitsFrom(int from) {
            return limitBySecond.stream().filter(s -> s[0] >= from).map(s -> s[1]).toList();
        }

        long refusedAfter(double second) {
            return refusedAt.stream().filter(s -> s >= second).count();
        }

        /** The latency percentile of requests completed in this phase, in ms. */
        double percentileMillis(double p) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / (double) MS;
        }

        @Override
        public String toString() {
            return "admitted " + admitted + ", refused " + refused + " (critical " + criticalRefused + " of " + critical + "), limit " + lowestLimit + ".." + highestLimit
                    + ", p99 " + percentileMillis(99) + " ms, by second " + Arrays.deepToString(limitBySecond.toArray());
        }
    }
}
