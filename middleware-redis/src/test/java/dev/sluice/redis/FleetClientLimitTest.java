package dev.sluice.redis;

import dev.sluice.Admission;
import dev.sluice.RejectionReason;
import dev.sluice.Sluice;
import dev.sluice.contract.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static dev.sluice.redis.Fleet.inMaintenance;
import static dev.sluice.redis.Fleet.switchOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-client limits across the fleet (CONTRACT §10): N instances admit the policy's quota, not N times it; with Redis
 * killed or hung a check is answered by the instance's own buckets within the timeout, never an exception.
 */
class FleetClientLimitTest {

    private static final Duration TIMEOUT = Duration.ofMillis(50); // sluice.redis.timeout's default

    private RedisServer redis;
    private Fleet fleet;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        fleet = new Fleet();
    }

    @AfterEach
    void stop() {
        fleet.close();
        redis.close();
    }

    /**
     * Exactness is what is tested here, not speed. A check that times out is rightly answered by the instance's own
     * buckets, and on the build machines (two cores shared with other builds) eight threads spinning on admit kept
     * Lettuce's threads from reading Redis's answers for over 500 ms at times. So each thread pauses 100 µs between
     * requests (still thousands a second, all contending for one bucket) and the timeout is raised: only the
     * counting is judged.
     */
    @Test
    void fourThreadsOnEachOfTwoInstancesAdmitExactlyTheQuotaOfOneClient() throws Exception {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a").redisTimeout(Duration.ofMillis(500)));
        Sluice b = fleet.start(fleet.config(redis.uri(), "b").redisTimeout(Duration.ofMillis(500)));
        Get client = new Get("/quota", "203.0.113.7");
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        AtomicReference<Object> other = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos(); // well inside the 10 s window
        List<Thread> threads = new ArrayList<>();
        for (Sluice s : List.of(a, b)) {
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    while (System.nanoTime() < end) {
                        Admission admission = s.admit(client);
                        if (admission instanceof Admission.Admitted) {
                            admitted.incrementAndGet();
                        } else if (admission instanceof Admission.Rejected r && r.rejection().reason() == RejectionReason.RATE_LIMITED) {
                            limited.incrementAndGet();
                        } else {
                            other.set(admission);
                        }
                        LockSupport.parkNanos(100_000);
                    }
                });
                t.start();
                threads.add(t);
            }
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        System.out.printf("8 threads on 2 instances, one client, 5 per 10 s, 2 s: %d admitted, %d limited%n", admitted.get(), limited.get());
        assertThat(other.get()).isNull();
        assertThat(admitted.get()).isEqualTo(5);
        assertThat(limited.get()).isPositive();
        assertThat(a.admin().state().clientLimitStore().connected()).as("A's checks stayed on Redis").isTrue();
        assertThat(b.admin().state().clientLimitStore().connected()).as("B's checks stayed on Redis").isTrue();
    }

    @Test
    void eachClientHasOneKeyInRedisThatExpiresOnceItsBucketIsFullAgain() {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
        a.admit(new Get("/quota", "203.0.113.7"));
        a.admit(new Get("/quota", "2001:db8:1:2:3:4:5:6"));

        String prefix = fleet.namespace + ":limit:quota:ip:";
        assertThat(redis.command("EXISTS", prefix + "203.0.113.7")).isEqualTo(":1");
        assertThat(redis.command("EXISTS", prefix + "2001:db8:1:2:0:0:0:0/64")).as("IPv6 clients by their /64").isEqualTo(":1");
        assertThat(redis.command("EXISTS", prefix + "2001:db8:1:2:3:4:5:6")).isEqualTo(":0");
        // one of five tokens taken, refilled by interval: full again at the end of the 10 s window, kept 1 s longer
        long ttl = Long.parseLong(redis.command("PTTL", prefix + "203.0.113.7").substring(1));
        assertThat(ttl).isBetween(9_000L, 11_000L);
    }

    @Test
    void anAdmittedCheckIsTwoRoundTripsAndAClientPastItsQuotaCostsRedisNothingUntilItsBucketRefills() throws Exception {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
        Get client = new Get("/quota", "203.0.113.7");
        String key = fleet.namespace + ":limit:quota:ip:203.0.113.7";
        try (Monitor monitor = new Monitor(redis.port())) {
            assertThat(a.admit(client)).isInstanceOf(Admission.Admitted.class);
            await().atMost(Duration.ofSeconds(1)).until(() -> !monitor.sentFor(key).isEmpty());
            Thread.sleep(100);
            List<String> first = monitor.sentFor(key);
            monitor.clear();
            for (int i = 0; i < 4; i++) {
                assertThat(a.admit(client)).isInstanceOf(Admission.Admitted.class);
            }
            Thread.sleep(100);
            List<String> next = monitor.sentFor(key);
            monitor.clear();
            for (int i = 0; i < 100; i++) {
                assertThat(a.admit(client)).isInstanceOf(Admission.Rejected.class);
            }
            Thread.sleep(100);
            List<String> refused = monitor.sentFor(key);

            System.out.printf("round trips: the first check of a client %d, the next 4 admitted %d, then 100 refused %d%n",
                    first.size(), next.size(), refused.size());
            // Bucket4j's compare-and-swap: read the bucket, then swap it in a script; a new bucket is read, found
            // missing, read again and created.
            assertThat(first).hasSize(3);
            assertThat(next).hasSize(8);
            assertThat(refused).as("refused from the state last seen").isEmpty();
        }
    }

    @Test
    void aKilledRedisMidTrafficCostsNoExceptionNoCheckOverTheTimeoutAndLeavesMaintenanceAsItWas() throws Exception {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
        Sluice b = fleet.start(fleet.config(redis.uri(), "b"));
        // On for /orders only, so the checks of /quota reach the client limit on both instances.
        a.admin().maintenanceOn(dev.sluice.maintenance.MaintenanceRequest.parse("{\"scope\":[\"/orders/**\"]}"), "test");
        await().atMost(Duration.ofSeconds(1)).until(() -> inMaintenance(b));

        Checks checks = Checks.run(List.of(a, b), 1, phase -> {
            sleep(500);
            phase.run();
            redis.kill();
            sleep(1500);
            phase.run();
            redis.restart();
            sleep(1000);
        });

        checks.print("kill -9 at 0.5 s, restart (empty) at 2 s", "before", "Redis killed", "restarted");
        assertThat(checks.failures).as("no exception escapes admit").isEmpty();
        // Every check, however slow the build machine: the few single checks slower than this (up to ~0.5 s seen)
        // were threads not scheduled, with or without a fault, so the bound is asserted on the 99.9th percentile.
        assertThat(checks.percentile(99.9)).as("99.9th percentile of the check").isLessThanOrEqualTo(TIMEOUT.plusMillis(20).toNanos());
        assertThat(checks.percentile(100)).as("slowest check: no stall").isLessThan(Duration.ofSeconds(1).toNanos());
        assertThat(inMaintenance(a) && inMaintenance(b)).as("maintenance as it was").isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> a.admin().state().clientLimitStore().connected()
                && b.admin().state().clientLimitStore().connected());
    }

    @Test
    void aHungRedisCostsOneTimeoutPerSecondNotOnePerCheck() throws Exception {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));

        Checks checks = Checks.run(List.of(a), 2, phase -> {
            sleep(500);
            phase.run();
            redis.pause();
            sleep(3000);
            phase.run();
            redis.resume();
            sleep(1000);
        });

        checks.print("SIGSTOP at 0.5 s for 3 s", "before", "Redis hung", "resumed");
        assertThat(checks.failures).as("no exception escapes admit").isEmpty();
        assertThat(checks.percentile(99.9)).as("99.9th percentile of the check").isLessThanOrEqualTo(TIMEOUT.plusMillis(20).toNanos());
        // The breaker opens after two failed checks and then lets one check a second try Redis: a few checks wait
        // for the hung Redis (plus the build machine's unscheduled threads, ~10 in 4 s); without it every check
        // during the 3 s would, ~60 a thread.
        long waited = checks.slowerThan(TIMEOUT.minusMillis(5));
        assertThat(waited).as("checks that waited about the timeout").isBetween(2L, 40L);
        // No check waits for the hung Redis itself (its commands expire after the 2 s admin timeout); the build
        // machine's own hiccups stayed under 0.6 s.
        assertThat(checks.percentile(100)).as("slowest check").isLessThan(Duration.ofSeconds(1).toNanos());
        await().atMost(Duration.ofSeconds(2)).until(() -> a.admin().state().clientLimitStore().connected());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Threads checking a rate-limited route with ever new client addresses while a fault runs, timing each check. */
    private static final class Checks {
        final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<long[]> latencies = new ArrayList<>();
        private final List<byte[]> phases = new ArrayList<>();
        private final List<AtomicInteger> counts = new ArrayList<>();
        private volatile byte phase;

        /** Runs the checks while {@code fault} runs; the fault calls the runnable it is given to start the next phase. */
        static Checks run(List<Sluice> instances, int threadsEach, java.util.function.Consumer<Runnable> fault) throws InterruptedException {
            Checks checks = new Checks();
            AtomicLong running = new AtomicLong(1);
            List<Thread> threads = new ArrayList<>();
            AtomicInteger address = new AtomicInteger();
            for (Sluice s : instances) {
                for (int i = 0; i < threadsEach; i++) {
                    long[] nanos = new long[2_000_000];
                    byte[] phases = new byte[nanos.length];
                    AtomicInteger n = new AtomicInteger();
                    checks.latencies.add(nanos);
                    checks.phases.add(phases);
                    checks.counts.add(n);
                    Thread t = new Thread(() -> {
                        while (running.get() == 1 && n.get() < nanos.length) {
                            int k = address.incrementAndGet();
                            Get request = new Get("/quota", "10." + (k >> 16 & 255) + "." + (k >> 8 & 255) + "." + (k & 255));
                            byte during = checks.phase;
                            long start = System.nanoTime();
                            try {
                                s.admit(request);
                            } catch (Throwable e) {
                                checks.failures.add(e);
                            }
                            phases[n.get()] = during;
                            nanos[n.getAndIncrement()] = System.nanoTime() - start;
                        }
                    });
                    t.start();
                    threads.add(t);
                }
            }
            try {
                fault.accept(() -> checks.phase++);
            } finally {
                running.set(0);
                for (Thread t : threads) {
                    t.join();
                }
            }
            return checks;
        }

        /** The {@code p}th percentile of the checks' durations, in nanoseconds. */
        long percentile(double p) {
            return percentile(all(-1), p);
        }

        private static long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100))];
        }

        /** The durations of the checks made in {@code phase} ({@code -1}: all), sorted. */
        private long[] all(int phase) {
            long[] all = new long[(int) count()];
            int k = 0;
            for (int i = 0; i < latencies.size(); i++) {
                long[] l = latencies.get(i);
                byte[] ph = phases.get(i);
                for (int j = 0; j < counts.get(i).get(); j++) {
                    if (phase < 0 || ph[j] == phase) {
                        all[k++] = l[j];
                    }
                }
            }
            long[] sorted = Arrays.copyOf(all, k);
            Arrays.sort(sorted);
            return sorted;
        }

        long count() {
            return counts.stream().mapToLong(AtomicInteger::get).sum();
        }

        long slowerThan(Duration d) {
            long limit = d.toNanos();
            return Arrays.stream(all(-1)).filter(x -> x > limit).count();
        }

        void print(String what, String... phaseNames) {
            System.out.printf("%s: %d checks, p99.9 %.3f ms, max %.3f ms%n", what, count(), percentile(99.9) / 1e6, percentile(100) / 1e6);
            for (int p = 0; p < phaseNames.length; p++) {
                long[] in = all(p);
                long over50 = Arrays.stream(in).filter(x -> x > 50_000_000L).count();
                System.out.printf("  %-13s %8d checks: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms, over 50 ms: %d%n", phaseNames[p],
                        in.length, percentile(in, 50) / 1e6, percentile(in, 99) / 1e6, percentile(in, 99.9) / 1e6, percentile(in, 100) / 1e6, over50);
            }
        }
    }
}
