package dev.sluice.benchmarks.retrystorm;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One point of the experiment: calls arrive open-loop (Poisson, seeded) whatever happened to the calls before
 * them, as users of many services do, and are spread round-robin over a fleet of client instances, each
 * retrying its own calls. A call's latency runs from its scheduled start to the answer its caller gets, waits
 * and retries included. Only calls scheduled inside the window are counted; arrivals go on for a tail after it
 * so that their retries meet the same load as the window's, and the run then waits for them to end.
 */
final class StormLoad {

    private static final int NOT_DONE = Integer.MIN_VALUE;
    static final int TIMEOUT = -1;
    static final int ERROR = -2;

    /** What to offer: {@code rate} calls per second to {@code target}. */
    record Plan(URI target, double rate, Duration warmup, Duration duration, Duration tail, Duration attemptTimeout, int fleet, long seed) {
    }

    /** What happened to the calls scheduled in the window. */
    record Result(long calls, long ok, long okCompletedInWindow, long handedBack, long timeouts, long errors, long unfinished,
                  long attemptsOfWindowCalls, long attemptsSentInWindow, double seconds, Histogram okLatencyMicros, long p99LagMicros) {

        double offeredRate() {
            return calls / seconds;
        }

        /** 2xx answers that reached their callers inside the window, per second: useful work done. */
        double goodput() {
            return okCompletedInWindow / seconds;
        }

        double attemptsPerCall() {
            return calls == 0 ? Double.NaN : attemptsOfWindowCalls / (double) calls;
        }

        /** Requests per second the server was sent, first attempts and retries. */
        double attemptRate() {
            return attemptsSentInWindow / seconds;
        }

        double okMillis(double percentile) {
            return okLatencyMicros.getTotalCount() == 0 ? Double.NaN : okLatencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private StormLoad() {
    }

    static Result run(Plan plan, ClientKind kind, HttpClient http, ScheduledExecutorService timer, AppProcess app) throws InterruptedException {
        long warmup = plan.warmup().toNanos();
        long windowEnd = warmup + plan.duration().toNanos();
        long arrivalsEnd = windowEnd + plan.tail().toNanos();
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.ceil(plan.rate() * arrivalsEnd / 1e9 * 1.3) + 1_000);
        CountingHttpClient counting = new CountingHttpClient(http, capacity);
        ClientKind.Caller[] fleet = new ClientKind.Caller[plan.fleet()];
        for (int i = 0; i < fleet.length; i++) {
            fleet[i] = kind.member(counting, timer);
        }
        long[] scheduled = new long[capacity];
        long[] ended = new long[capacity];
        int[] status = new int[capacity];
        long[] lag = new long[capacity];
        AtomicInteger outstanding = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(plan.seed());
        double meanGapNanos = 1e9 / plan.rate();

        long t0 = System.nanoTime() + 20_000_000L;
        long offset = 0;
        int n = 0;
        boolean measuring = false;
        boolean measured = false;
        while (offset < arrivalsEnd && n < capacity) {
            long due = t0 + offset;
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            if (!measuring && offset >= warmup) {
                measuring = true;
                counting.measuring(true);
                app.send("reset");
            }
            if (measuring && !measured && offset >= windowEnd) {
                measured = true;
                counting.measuring(false);
                app.send("stats");
            }
            int i = n++;
            scheduled[i] = offset;
            status[i] = NOT_DONE;
            HttpRequest request = HttpRequest.newBuilder(plan.target()).timeout(plan.attemptTimeout())
                    .header(CountingHttpClient.CALL_HEADER, Integer.toString(i)).GET().build();
            outstanding.incrementAndGet();
            lag[i] = System.nanoTime() - due;
            fleet[i % fleet.length].call(request).whenComplete((response, failure) -> {
                ended[i] = System.nanoTime() - t0;
                status[i] = response != null ? response.statusCode()
                        : ClientKind.unwrap(failure) instanceof HttpTimeoutException ? TIMEOUT : ERROR;
                outstanding.decrementAndGet(); // publishes the writes above to the thread that waits for zero
            });
            offset += (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
        }
        if (!measured) {
            counting.measuring(false);
            app.send("stats");
        }
        // The longest a call can still take: three attempts and two waits of at most 10 s (Sluice's maxWait).
        long drainUntil = System.nanoTime() + 3 * plan.attemptTimeout().toNanos() + TimeUnit.SECONDS.toNanos(22);
        while (outstanding.get() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(20);
        }
        return summarise(plan, n, scheduled, ended, status, lag, counting, warmup, windowEnd);
    }

    private static Result summarise(Plan plan, int n, long[] scheduled, long[] ended, int[] status, long[] lag, CountingHttpClient counting,
                                    long from, long to) {
        Histogram ok = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        Histogram lags = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        long calls = 0, okCount = 0, okInWindow = 0, handedBack = 0, timeouts = 0, errors = 0, unfinished = 0, attempts = 0;
        for (int i = 0; i < n; i++) {
            int s = status[i];
            boolean success = s >= 200 && s < 300;
            if (success && ended[i] >= from && ended[i] < to) {
                okInWindow++;
            }
            if (scheduled[i] < from || scheduled[i] >= to) {
                continue;
            }
            calls++;
            attempts += counting.attempts(i);
            lags.recordValue(Math.max(0, lag[i] / 1000));
            if (success) {
                okCount++;
                ok.recordValue(Math.max(1, (ended[i] - scheduled[i]) / 1000));
            } else if (s == TIMEOUT) {
                timeouts++;
            } else if (s == ERROR) {
                errors++;
            } else if (s == NOT_DONE) {
                unfinished++;
            } else {
                handedBack++;
            }
        }
        return new Result(calls, okCount, okInWindow, handedBack, timeouts, errors, unfinished, attempts, counting.sentInWindow(),
                plan.duration().toNanos() / 1e9, ok, lags.getValueAtPercentile(99));
    }
}
