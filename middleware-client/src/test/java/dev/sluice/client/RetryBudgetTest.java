package dev.sluice.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTest {

    private final TestTime time = TestTime.at("2026-11-24T10:00:00Z");

    private RetryBudget budget(double share, int perSecond, int windowSeconds) {
        RetryPolicy policy = RetryPolicy.builder().budgetShare(share).budgetMinRetriesPerSecond(perSecond)
                .budgetWindow(Duration.ofSeconds(windowSeconds)).build();
        return RetryBudget.of(policy, time::nanoTime);
    }

    private static int retriesGranted(RetryBudget budget) {
        int n = 0;
        while (budget.tryRetry()) {
            n++;
        }
        return n;
    }

    @Test
    void withoutRequestsOnlyTheReserveOfTheFloorTimesTheWindowIsThere() {
        RetryBudget b = budget(0.1, 1, 10);

        assertThat(retriesGranted(b)).isEqualTo(10);
    }

    @Test
    void everyRequestAddsItsShareOfARetry() {
        RetryBudget b = budget(0.1, 0, 10);
        for (int i = 0; i < 95; i++) {
            b.recordRequest();
        }

        assertThat(b.available()).isCloseTo(9.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(retriesGranted(b)).isEqualTo(9);
    }

    @Test
    void retriesWithinAWindowAreAtMostShareTimesRequestsPlusTheReserve() {
        RetryBudget b = budget(0.2, 2, 10);
        int granted = 0;
        for (int i = 0; i < 1000; i++) {
            b.recordRequest();
            // every request would retry twice if it could
            granted += b.tryRetry() ? 1 : 0;
            granted += b.tryRetry() ? 1 : 0;
        }

        assertThat(granted).isEqualTo((int) (0.2 * 1000) + 2 * 10);
    }

    @Test
    void aShareOfZeroLeavesOnlyTheFloor() {
        RetryBudget b = budget(0, 1, 5);
        for (int i = 0; i < 1000; i++) {
            b.recordRequest();
        }

        assertThat(retriesGranted(b)).isEqualTo(5);
    }

    @Test
    void spentRetriesComeBackWhenTheyLeaveTheWindow() {
        RetryBudget b = budget(0.1, 1, 10);
        assertThat(retriesGranted(b)).isEqualTo(10);

        time.advance(Duration.ofSeconds(5));
        assertThat(b.tryRetry()).as("half a window later the withdrawals still count").isFalse();

        time.advance(Duration.ofSeconds(5));
        assertThat(retriesGranted(b)).as("a window later they have expired").isEqualTo(10);
    }

    @Test
    void depositsExpireToo() {
        RetryBudget b = budget(0.5, 0, 10);
        for (int i = 0; i < 10; i++) {
            b.recordRequest();
        }
        assertThat(b.available()).isEqualTo(5.0);

        time.advance(Duration.ofSeconds(11));

        assertThat(b.available()).isZero();
        assertThat(b.tryRetry()).isFalse();
    }

    @Test
    void aSlowTrickleOfRequestsKeepsItsShareInTheWindow() {
        RetryBudget b = budget(0.5, 0, 10);
        for (int i = 0; i < 30; i++) {
            b.recordRequest();
            time.advance(Duration.ofMillis(500));
        }

        // Two requests a second; what counts is the last 9 to 10 s (a slot is a tenth of the window), so
        // 18 to 20 requests: 9 to 10 retries, never the 15 that all thirty requests would give.
        assertThat(b.available()).isBetween(9.0, 10.0);
    }

    @Test
    void anUnlimitedBudgetDoesNotRunOut() {
        RetryBudget b = RetryBudget.unlimited();

        assertThat(retriesGrantedUpTo(b, 100_000)).isEqualTo(100_000);
    }

    private static int retriesGrantedUpTo(RetryBudget b, int max) {
        int n = 0;
        while (n < max && b.tryRetry()) {
            n++;
        }
        return n;
    }

    @Test
    void manyThreadsNeverTakeMoreThanTheBudgetHolds() throws Exception {
        RetryBudget b = budget(0.1, 1, 10);
        for (int i = 0; i < 500; i++) {
            b.recordRequest();
        }
        java.util.concurrent.atomic.AtomicInteger granted = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    if (b.tryRetry()) {
                        granted.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(granted.get()).isEqualTo(50 + 10);
    }
}
