package dev.sluice.benchmarks.overload;

import org.HdrHistogram.Histogram;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.time.Duration;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP load generator: request i is started at its scheduled time whatever happened to the
 * requests before it, so a slow server meets the same arrival rate as a fast one (a closed loop would
 * slow down with the server and hide the overload). Arrivals are Poisson (exponential gaps, seeded) or
 * evenly spaced. Latency runs from the <em>scheduled</em> start, so a generator that falls behind does
 * not make the server look faster (coordinated omission); the lag is reported.
 *
 * <p>Transport: Jetty's non-blocking {@link HttpClient}, HTTP/1.1, with far more connections allowed than
 * the rate times the timeout needs, so connections are never the limit. Every request has a deadline;
 * one that misses it is a timeout, never goodput.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final int NOT_DONE = Integer.MIN_VALUE;
    static final int TIMEOUT = -1;
    static final int ERROR = -2;

    /**
     * What to send. {@code target} names each request's URI from its scheduled offset since the run began (its
     * random source is separate from the arrivals', so every workload meets the same arrival times and critical
     * requests). {@code onMeasureStart} runs on the scheduling thread when the warm-up is over, {@code onMeasureEnd}
     * when the window closes (before the last answers are awaited); either may be null.
     */
    public record Plan(Target target, double rate, Duration warmup, Duration duration, Duration timeout,
                       double criticalShare, boolean poisson, long seed, Runnable onMeasureStart, Runnable onMeasureEnd) {
    }

    /** The URI of a request scheduled {@code offset} after the run began. */
    @FunctionalInterface
    public interface Target {
        URI at(Duration offset, SplittableRandom random);

        static Target fixed(URI uri) {
            return (offset, random) -> uri;
        }
    }

    private final HttpClient client;

    public LoadGenerator() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("generator");
        threads.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(threads);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(16_384);
        client.setMaxRequestsQueuedPerDestination(1 << 17);
        client.setConnectTimeout(2_000);
        client.setIdleTimeout(30_000);
        client.setFollowRedirects(false);
        client.start();
    }

    /** Runs the plan and returns what happened to the requests scheduled inside the measurement window. */
    public Report run(Plan plan) throws InterruptedException {
        long warmupNanos = plan.warmup().toNanos();
        long endNanos = warmupNanos + plan.duration().toNanos();
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.ceil(plan.rate() * endNanos / 1e9 * 1.3) + 1_000);
        long[] scheduled = new long[capacity]; // offset from t0
        long[] latency = new long[capacity];
        int[] status = new int[capacity];
        int[] retryAfter = new int[capacity]; // seconds, -1 if the header was absent or not delay-seconds
        BitSet critical = new BitSet(capacity);
        long[] lag = new long[capacity];
        AtomicInteger outstanding = new AtomicInteger();
        SplittableRandom random = new SplittableRandom(plan.seed());
        SplittableRandom routes = new SplittableRandom(plan.seed() ^ 0x5DEECE66DL);
        double meanGapNanos = 1e9 / plan.rate();

        long t0 = System.nanoTime() + 20_000_000L;
        long offset = 0;
        int n = 0;
        boolean measuring = false;
        while (offset < endNanos && n < capacity) {
            long due = t0 + offset;
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            if (!measuring && offset >= warmupNanos) {
                measuring = true;
                if (plan.onMeasureStart() != null) {
                    plan.onMeasureStart().run();
                }
            }
            final int i = n++;
            final long start = due;
            boolean isCritical = random.nextDouble() < plan.criticalShare();
            scheduled[i] = offset;
            status[i] = NOT_DONE;
            if (isCritical) {
                critical.set(i);
            }
            Request request = client.newRequest(plan.target().at(Duration.ofNanos(offset), routes)).method(HttpMethod.GET)
                    .timeout(plan.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (isCritical) {
                request.headers(h -> h.put(Variant.PRIORITY_HEADER, "critical"));
            }
            outstanding.incrementAndGet();
            lag[i] = System.nanoTime() - due;
            request.send(new BufferingResponseListener(64 * 1024) {
                @Override
                public void onComplete(Result result) {
                    latency[i] = System.nanoTime() - start;
                    if (result.isFailed()) {
                        status[i] = isTimeout(result.getFailure()) ? TIMEOUT : ERROR;
                    } else {
                        status[i] = result.getResponse().getStatus();
                        retryAfter[i] = delaySeconds(result.getResponse().getHeaders().get(HttpHeader.RETRY_AFTER));
                    }
                    // The decrement publishes the writes above to the thread that waits for zero.
                    outstanding.decrementAndGet();
                }
            });
            offset += plan.poisson() ? (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos) : (long) meanGapNanos;
        }
        long sendingEnded = System.nanoTime();
        if (plan.onMeasureEnd() != null) {
            plan.onMeasureEnd().run();
        }
        long deadline = sendingEnded + plan.timeout().toNanos() + TimeUnit.SECONDS.toNanos(3);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return Report.of(plan, n, scheduled, latency, status, retryAfter, critical, lag, warmupNanos, endNanos);
    }

    /**
     * Closed loop, to measure a capacity that is not known by design: {@code concurrency} clients, each sending its
     * next request as soon as the last is answered, so the app is always saturated. Returns the 2xx responses
     * completed per second after {@code warmup}, over {@code duration}.
     */
    public double saturate(URI target, int concurrency, Duration warmup, Duration duration) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicLong completed = new AtomicLong();
        for (int i = 0; i < concurrency; i++) {
            sendInLoop(target, running, measuring, completed);
        }
        Thread.sleep(warmup.toMillis());
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        long count = completed.get();
        long elapsed = System.nanoTime() - start;
        running.set(false);
        Thread.sleep(500); // let the last requests finish before the next app starts
        return count / (elapsed / 1e9);
    }

    private void sendInLoop(URI target, AtomicBoolean running, AtomicBoolean measuring, AtomicLong completed) {
        client.newRequest(target).method(HttpMethod.GET).timeout(10, TimeUnit.SECONDS).send(new BufferingResponseListener(64 * 1024) {
            @Override
            public void onComplete(Result result) {
                if (measuring.get() && !result.isFailed() && result.getResponse().getStatus() / 100 == 2) {
                    completed.incrementAndGet();
                }
                if (running.get()) {
                    sendInLoop(target, running, measuring, completed);
                }
            }
        });
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static int delaySeconds(String value) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(Character::isDigit) || value.length() > 9) {
            return -1;
        }
        return Integer.parseInt(value);
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }

    /** The requests scheduled inside the measurement window, counted and summarised. */
    public record Report(double offeredRate, long sent, long ok, long okCompletedInWindow, long status503, long status503WithRetryAfter,
                         int retryAfterMin, int retryAfterMax, int retryAfterDistinct, long status429, long otherStatus,
                         long timeouts, long errors, long notFinished, long criticalSent, long criticalOk,
                         double seconds, Histogram okLatencyMicros, Histogram criticalOkLatencyMicros, long maxLagMicros,
                         long p99LagMicros, Histogram[] okLatencyBySecond) {

        /**
         * 2xx responses that <em>completed</em> inside the window, per second: a rate of useful work, which
         * cannot exceed what the server can do (counting by scheduled time would credit the window with
         * requests it queued and that finished after it).
         */
        public double goodput() {
            return okCompletedInWindow / seconds;
        }

        public double criticalSuccess() {
            return criticalSent == 0 ? Double.NaN : criticalOk / (double) criticalSent;
        }

        /** Latency of 2xx responses at a percentile, in ms; NaN if there were none. */
        public double okMillis(double percentile) {
            return okLatencyMicros.getTotalCount() == 0 ? Double.NaN : okLatencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        /**
         * The latency percentile, in ms, of 2xx responses to requests scheduled in seconds [{@code from}, {@code to})
         * of the window; NaN if there were none.
         */
        public double okMillis(double percentile, int from, int to) {
            Histogram merged = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
            for (int i = Math.max(0, from); i < Math.min(to, okLatencyBySecond.length); i++) {
                merged.add(okLatencyBySecond[i]);
            }
            return merged.getTotalCount() == 0 ? Double.NaN : merged.getValueAtPercentile(percentile) / 1000.0;
        }

        /** Seconds in the window, the last possibly partial. */
        public int secondsInWindow() {
            return okLatencyBySecond.length;
        }

        public double criticalOkMillis(double percentile) {
            return criticalOkLatencyMicros.getTotalCount() == 0 ? Double.NaN : criticalOkLatencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        static Report of(Plan plan, int n, long[] scheduled, long[] latency, int[] status, int[] retryAfter, BitSet critical,
                         long[] lag, long from, long to) {
            // 1 µs .. 1 h at 3 significant digits: exact to 0.1 % across the whole range.
            Histogram ok = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
            Histogram criticalOkLatency = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
            Histogram lags = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
            Histogram[] bySecond = new Histogram[(int) Math.ceil((to - from) / 1e9)];
            for (int i = 0; i < bySecond.length; i++) {
                bySecond[i] = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
            }
            long sent = 0, okCount = 0, s503 = 0, s503ra = 0, s429 = 0, other = 0, timeouts = 0, errors = 0, unfinished = 0;
            long critSent = 0, critOk = 0;
            int raMin = Integer.MAX_VALUE, raMax = Integer.MIN_VALUE;
            BitSet raSeen = new BitSet();
            long okCompleted = 0;
            for (int i = 0; i < n; i++) {
                int st = status[i];
                if (st >= 200 && st < 300 && scheduled[i] + latency[i] >= from && scheduled[i] + latency[i] < to) {
                    okCompleted++;
                }
                if (scheduled[i] < from || scheduled[i] >= to) {
                    continue;
                }
                sent++;
                lags.recordValue(Math.max(0, lag[i] / 1000));
                boolean crit = critical.get(i);
                if (crit) {
                    critSent++;
                }
                int s = status[i];
                if (s >= 200 && s < 300) {
                    okCount++;
                    long micros = Math.max(1, latency[i] / 1000);
                    ok.recordValue(micros);
                    bySecond[(int) ((scheduled[i] - from) / 1_000_000_000L)].recordValue(micros);
                    if (crit) {
                        critOk++;
                        criticalOkLatency.recordValue(micros);
                    }
                } else if (s == 503) {
                    s503++;
                    if (retryAfter[i] >= 0) {
                        s503ra++;
                        raMin = Math.min(raMin, retryAfter[i]);
                        raMax = Math.max(raMax, retryAfter[i]);
                        raSeen.set(Math.min(retryAfter[i], 100_000));
                    }
                } else if (s == 429) {
                    s429++;
                } else if (s == TIMEOUT) {
                    timeouts++;
                } else if (s == ERROR) {
                    errors++;
                } else if (s == NOT_DONE) {
                    unfinished++;
                } else {
                    other++;
                }
            }
            double seconds = (to - from) / 1e9;
            return new Report(sent / seconds, sent, okCount, okCompleted, s503, s503ra,
                    s503ra == 0 ? -1 : raMin, s503ra == 0 ? -1 : raMax, raSeen.cardinality(), s429, other, timeouts, errors,
                    unfinished, critSent, critOk, seconds, ok, criticalOkLatency, lags.getMaxValue(),
                    lags.getValueAtPercentile(99), bySecond);
        }
    }
}
