package dev.sluice.internal.shedding;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.shedding.SheddingConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static dev.sluice.internal.shedding.SimulatedPool.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The knee limit against pools of known capacity in virtual time ({@link SimulatedPool}): 4 workers × 50 ms is
 * 80 requests a second and a parallelism of 4, so under sustained overload the limit belongs near 3 × 4 = 12.
 */
class KneeConcurrencyLimitTest {

    private static final double SHARE = SheddingConfig.DEFAULT_NORMAL_SHARE;

    private static SimulatedPool pool(int workers, int initial, int min, int max) {
        return new SimulatedPool(workers, SHARE).limit(new KneeConcurrencyLimit(initial, min, max, SHARE));
    }

    @Test
    void neverRefusesAServiceThatKeepsUp() {
        SimulatedPool pool = pool(4, 20, 1, 200);

        SimulatedPool.Phase half = pool.run(40, 60, t -> 50);

        assertThat(half.refused).as("%s", half).isZero();
        assertThat(half.lowestLimit).as("never below where it started").isEqualTo(20);
    }

    @Test
    void risesWhileLatencyStaysAtTheBaseline() {
        // 32 workers at 60 % load: bursts reach far past a starting limit of 4, while latency stays at 50 ms.
        SimulatedPool pool = pool(32, 4, 1, 200);

        SimulatedPool.Phase phase = pool.run(384, 30, t -> 50);

        assertThat(phase.lastLimit).as("%s", phase).isGreaterThanOrEqualTo(32);
        assertThat(phase.refusedAfter(10)).as("refused once the limit had grown").isZero();
    }

    @Test
    void fallsToAboutThreeTimesTheParallelismUnderSustainedOverload() {
        SimulatedPool pool = pool(4, 20, 1, 200);

        SimulatedPool.Phase overload = pool.run(320, 30, t -> 50);

        assertThat(overload.limitsFrom(10)).as("%s", overload).allSatisfy(l -> assertThat(l).isBetween(8, 16));
        // Limit 20 would queue 14 normal requests behind the 4 workers: 225 ms.
        assertThat(pool.run(320, 10, t -> 50).percentileMillis(99)).isLessThan(200);
    }

    @Test
    void reMeasuresTheServiceAloneBeforeCuttingAndDoesNotTrustLatencyUnderLoad() {
        SimulatedPool pool = pool(4, 20, 1, 200);

        SimulatedPool.Phase overload = pool.run(320, 10, t -> 50);

        assertThat(overload.lowestLimit).as("pinned at the minimum to measure the service alone: %s", overload).isEqualTo(1);
    }

    @Test
    void theProbeKeepsCriticalRequestsAtTheLimitItHad() {
        SimulatedPool pool = pool(4, 20, 1, 200).critical(0.05);

        SimulatedPool.Phase overload = pool.run(320, 30, t -> 50);

        assertThat(overload.lowestLimit).as("probed: %s", overload).isEqualTo(1);
        assertThat(overload.critical).isGreaterThan(300);
        assertThat(overload.criticalRefusedAtLimit).as("none refused by the probe: %s", overload).doesNotContain(1);
    }

    @Test
    void aColdFirstRequestDoesNotInflateTheMeasuredServiceTime() {
        // A fresh JVM's first request is slow (class loading, JIT) and it runs alone; the probe must not count it.
        SimulatedPool pool = pool(4, 20, 1, 200);
        int[] requests = {0};

        SimulatedPool.Phase overload = pool.run(320, 20, t -> requests[0]++ == 0 ? 1000 : 50);

        assertThat(overload.limitsFrom(10)).as("%s", overload).allSatisfy(l -> assertThat(l).isBetween(8, 16));
    }

    @Test
    void aShortBurstIsNotOverload() {
        SimulatedPool pool = pool(4, 20, 1, 200);
        SimulatedPool.Phase calm = pool.run(40, 10, t -> 50);

        SimulatedPool.Phase burst = pool.run(320, 1, t -> 50);
        SimulatedPool.Phase after = pool.run(40, 20, t -> 50);

        assertThat(burst.lowestLimit).as("no probe, no cut: %s", burst).isGreaterThanOrEqualTo(calm.lastLimit);
        assertThat(after.lowestLimit).as("%s", after).isGreaterThanOrEqualTo(calm.lastLimit);
        assertThat(after.refusedAfter(2)).as("refused once the burst's queue had drained: %s", after).isZero();
    }

    @Test
    void returnsToLenientOnceTheOverloadEnds() {
        SimulatedPool pool = pool(4, 20, 1, 200);
        pool.run(320, 20, t -> 50);

        SimulatedPool.Phase calm = pool.run(40, 30, t -> 50);

        assertThat(calm.refusedAfter(10)).as("%s", calm).isZero();
    }

    @Test
    void followsACapacityStepInBothDirectionsWithinFiveSeconds() {
        SimulatedPool pool = pool(4, 20, 1, 200);
        pool.run(320, 15, t -> 50);

        // Half the workers go away (a shared pool shrank): parallelism 2, the knee near 6 (up to 12 while the
        // queue keeps emptying: normal requests, half the limit, are then at most 3 × the parallelism).
        SimulatedPool.Phase halved = pool.workers(2).run(320, 15, t -> 50);
        // And come back.
        SimulatedPool.Phase restored = pool.workers(4).run(320, 15, t -> 50);

        assertThat(halved.limitsFrom(5)).as("%s", halved).allSatisfy(l -> assertThat(l).isBetween(3, 12));
        assertThat(restored.limitsFrom(5)).as("%s", restored).allSatisfy(l -> assertThat(l).isBetween(8, 16));
    }

    @Test
    void keepsTheLimitInConcurrencyTermsWhenTheServiceSlowsDown() {
        SimulatedPool pool = pool(4, 20, 1, 200);
        pool.run(320, 15, t -> 50);

        // Every request now takes three times as long: still 4 workers, so still a knee near 12.
        SimulatedPool.Phase slow = pool.run(320, 15, t -> 150);

        assertThat(slow.limitsFrom(5)).as("%s", slow).allSatisfy(l -> assertThat(l).isBetween(8, 16));
    }

    @Test
    void staysWithinItsMinimumAndMaximum() {
        SimulatedPool pool = pool(4, 6, 5, 8);

        SimulatedPool.Phase calm = pool.run(10, 20, t -> 50);
        SimulatedPool.Phase overload = pool.run(640, 20, t -> 50);

        assertThat(calm.lowestLimit).isGreaterThanOrEqualTo(5);
        assertThat(calm.highestLimit).isLessThanOrEqualTo(8);
        assertThat(overload.lowestLimit).as("%s", overload).isGreaterThanOrEqualTo(5);
        assertThat(overload.highestLimit).isLessThanOrEqualTo(8);
    }

    @Test
    void samplesFromManyThreadsLeaveTheLimitWithinBounds() throws Exception {
        AtomicLong clock = new AtomicLong();
        KneeConcurrencyLimit limit = new KneeConcurrencyLimit(20, 2, 50, SHARE);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            long seed = t;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200_000; i++) {
                    long rtt = random.nextLong(1, 500 * MS);
                    long end = clock.addAndGet(random.nextLong(MS / 10)); // completions race in any order
                    limit.onSample(end - rtt, rtt, random.nextInt(1, 60), random.nextInt(50) == 0);
                    if (i % 1000 == 0) {
                        seen.add(limit.current());
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(seen).isNotEmpty().allSatisfy(l -> assertThat(l).isBetween(2, 50));
    }

    @Test
    void isTheLimitThatLimitTypeKneeConfigures() {
        Sluice sluice = Sluice.create(SluiceConfig.builder().properties(Map.of(
                "sluice.shedding.enabled", "true", "sluice.shedding.limit.type", "knee")).build());

        LoadShedder.Snapshot state = sluice.shedding().orElseThrow().snapshot();

        assertThat(state.limitType()).isEqualTo("knee");
        assertThat(state.limit()).as("the default initial limit").isEqualTo(20);
    }

    @Test
    void rejectsBoundsThatDoNotNest() {
        assertThatThrownBy(() -> new KneeConcurrencyLimit(4, 5, 10, SHARE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min 5, initial 4, max 10");
        assertThatThrownBy(() -> new KneeConcurrencyLimit(5, 1, 10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("normalShare");
    }
}
