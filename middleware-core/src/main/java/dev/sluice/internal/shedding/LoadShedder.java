package dev.sluice.internal.shedding;

import dev.sluice.Admission;
import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.RequestInfo;
import dev.sluice.Ticket;
import dev.sluice.internal.http.ClientAddressResolver;
import dev.sluice.internal.http.JitteredRetryAfter;
import dev.sluice.shedding.ConcurrencyLimit;
import dev.sluice.shedding.Priority;
import dev.sluice.shedding.SheddingConfig;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The last guard of the pipeline: admits a request by taking a permit under the concurrency limit, or
 * refuses it with 503 {@code overload} (CONTRACT §1). Each priority is admitted only while the in-flight
 * count is below its share of the limit, so sheddable requests go first and critical ones last. The
 * process-CPU and queue-time signals refuse before a permit is taken.
 *
 * <p>The permit is one compare-and-set on an {@link AtomicInteger}: the count is checked and raised in the
 * same step, so it never passes the limit, not even for a moment under races. An adaptive limit that
 * drops below the count admits nothing until enough requests have finished.
 */
public final class LoadShedder implements AutoCloseable {

    static final String DETAIL = "The service is handling too many requests right now. Please try again shortly.";

    private final ConcurrencyLimit limit;
    private final boolean adaptive;
    private final double normalShare;
    private final double sheddableShare;
    private final SheddingConfig.PriorityRule critical;
    private final SheddingConfig.PriorityRule sheddable;
    private final String priorityHeader;
    private final ClientAddressResolver proxies;
    private final CpuLoadSignal cpu;
    private final double cpuSheddableAbove;
    private final double cpuNormalAbove;
    private final String queueTimeHeader;
    private final long queueTimeMaxMicros;
    private final JitteredRetryAfter retryAfter;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder[] rejected = {new LongAdder(), new LongAdder(), new LongAdder()};

    /**
     * @param limit the concurrency limit ({@link SheddingConfig#newLimit()} or one of the caller's)
     * @param cpu       the CPU signal, or {@code null} when the CPU thresholds are off; closed with this shedder
     * @param nanoClock what times an admitted request for an adaptive limit ({@link System#nanoTime()} but in tests)
     */
    public LoadShedder(SheddingConfig config, ConcurrencyLimit limit, CpuLoadSignal cpu, ClientAddressResolver proxies,
                       JitteredRetryAfter retryAfter, Clock clock, LongSupplier nanoClock) {
        this.limit = limit;
        this.adaptive = limit.adaptive();
        this.normalShare = config.normalShare();
        this.sheddableShare = config.sheddableShare();
        this.critical = config.critical();
        this.sheddable = config.sheddable();
        this.priorityHeader = config.priorityHeader();
        this.proxies = proxies;
        this.cpu = cpu;
        this.cpuSheddableAbove = config.cpuSheddableAbove() == null ? Double.MAX_VALUE : config.cpuSheddableAbove();
        this.cpuNormalAbove = config.cpuNormalAbove() == null ? Double.MAX_VALUE : config.cpuNormalAbove();
        this.queueTimeHeader = config.queueTimeHeader();
        this.queueTimeMaxMicros = config.queueTimeMax() == null ? 0 : config.queueTimeMax().toNanos() / 1000;
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    /**
     * The request's priority: the one a trusted proxy named in the priority header, else the critical or
     * sheddable route rule it matches, else normal.
     */
    public Priority priority(RequestInfo request, String path) {
        String named = priorityHeader == null ? null : request.header(priorityHeader);
        if (named != null) {
            Priority p = Priority.parse(named);
            if (p != null && proxies.fromTrustedProxy(request)) {
                return p; // a client cannot promote itself: only a trusted proxy's header counts
            }
        }
        String method = request.method();
        if (critical.matches(method, path)) {
            return Priority.CRITICAL;
        }
        return sheddable.matches(method, path) ? Priority.SHEDDABLE : Priority.NORMAL;
    }

    /** The refusal the CPU or queue-time signal gives {@code request}, or {@code null}. */
    public Rejection checkSignals(RequestInfo request, Priority priority) {
        if (cpu != null && priority != Priority.CRITICAL) {
            double load = cpu.load();
            if (load > cpuNormalAbove || (priority == Priority.SHEDDABLE && load > cpuSheddableAbove)) {
                return refuse(priority, "cpu");
            }
        }
        if (queueTimeMaxMicros > 0) {
            String start = request.header(queueTimeHeader);
            if (start != null && proxies.fromTrustedProxy(request)) {
                long received = RequestStart.epochMicros(start);
                if (received > 0 && clock.millis() * 1000 - received > queueTimeMaxMicros) {
                    return refuse(priority, "queue-time");
                }
            }
        }
        return null;
    }

    /**
     * A permit for a request of {@code priority}, admitting it with {@code headers}; {@code null} when its
     * share of the limit is taken. The permit is the admission and its ticket, one object.
     */
    public Admission.Admitted tryAcquire(Priority priority, Map<String, String> headers) {
        int allowed = priority == Priority.CRITICAL ? limit.criticalCurrent() : allowed(priority, limit.current());
        for (;;) {
            int n = inFlight.get();
            if (n >= allowed) {
                return null;
            }
            if (inFlight.compareAndSet(n, n + 1)) {
                return adaptive ? new TimedPermit(this, headers, nanoClock.getAsLong(), n + 1) : new Permit(this, headers);
            }
        }
    }

    /** The 503 for a request that found its share of the limit taken; counted by priority. */
    public Rejection limitReached(Priority priority) {
        return refuse(priority, "concurrency-limit");
    }

    private Rejection refuse(Priority priority, String source) {
        rejected[priority.ordinal()].increment();
        return new Rejection(RejectionReason.OVERLOAD, DETAIL, retryAfter.next(clock.instant()), Map.of(), source);
    }

    private int allowed(Priority priority, int current) {
        return Math.max(1, (int) (current * (priority == Priority.NORMAL ? normalShare : sheddableShare)));
    }

    private void release() {
        inFlight.decrementAndGet();
    }

    private void release(TimedPermit permit, Ticket.Outcome outcome) {
        inFlight.decrementAndGet();
        if (outcome == Ticket.Outcome.SUCCESS || outcome == Ticket.Outcome.TIMED_OUT) {
            // An application failure says nothing about capacity, nor does a client that went away (it could be
            // anyone resetting connections on purpose); a request the server timed out is a drop.
            limit.onSample(permit.startNanos, nanoClock.getAsLong() - permit.startNanos, permit.inFlightAtStart,
                    outcome == Ticket.Outcome.TIMED_OUT);
        }
    }

    /** Requests holding a permit now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The concurrency limit now. */
    public int limit() {
        return limit.current();
    }

    /** How many requests of {@code priority} were refused for overload since start. */
    public long rejected(Priority priority) {
        return rejected[priority.ordinal()].sum();
    }

    /** The process CPU load the CPU signal last read, or -1 when the signal is off. */
    public double cpuLoad() {
        return cpu == null ? -1 : cpu.load();
    }

    /** What the admin surface and health details show. */
    public Snapshot snapshot() {
        Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            byPriority.put(p, rejected(p));
        }
        return new Snapshot(limit.type(), limit(), inFlight(), byPriority, cpuLoad());
    }

    @Override
    public void close() {
        if (cpu != null) {
            cpu.close();
        }
    }

    /** The shedding state at one moment; {@code cpuLoad} is -1 when the CPU signal is off. */
    public record Snapshot(String limitType, int limit, int inFlight, Map<Priority, Long> rejected, double cpuLoad) {
    }

    /**
     * The permit of one admitted request under a fixed limit; gives itself back once, whatever path
     * completes it. It is the admission and the ticket in one object.
     */
    private static class Permit extends Admission.Admitted implements Ticket {

        private static final VarHandle DONE;

        static {
            try {
                DONE = MethodHandles.lookup().findVarHandle(Permit.class, "done", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final LoadShedder guard;
        @SuppressWarnings("unused") // accessed through DONE
        private volatile int done;

        Permit(LoadShedder guard, Map<String, String> headers) {
            super(headers);
            this.guard = guard;
        }

        @Override
        public Ticket ticket() {
            return this;
        }

        @Override
        public void complete(Outcome outcome) {
            if (DONE.compareAndSet(this, 0, 1)) {
                released(outcome);
            }
        }

        void released(Outcome outcome) {
            guard.release();
        }
    }

    /** A permit under an adaptive limit, which learns from how long the request took. */
    private static final class TimedPermit extends Permit {

        final long startNanos;
        final int inFlightAtStart;

        TimedPermit(LoadShedder guard, Map<String, String> headers, long startNanos, int inFlightAtStart) {
            super(guard, headers);
            this.startNanos = startNanos;
            this.inFlightAtStart = inFlightAtStart;
        }

        @Override
        void released(Outcome outcome) {
            guard.release(this, outcome);
        }
    }
}
