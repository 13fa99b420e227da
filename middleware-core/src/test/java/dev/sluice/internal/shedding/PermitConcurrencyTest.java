package dev.sluice.internal.shedding;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.TestRequest;
import dev.sluice.Ticket;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §6 under races: many threads admit requests of every priority and end them every way an
 * adapter can (success, an exception, an async timeout racing the normal end on another thread, a client
 * abort, a second completion). The in-flight count never passes the limit and always returns to 0.
 */
class PermitConcurrencyTest {

    private static final String[] PATHS = {"/hello", "/work", "/reports/x"};

    @Property(tries = 12)
    void inFlightNeverPassesTheLimitAndAlwaysReturnsToZero(@ForAll @IntRange(min = 1, max = 16) int limit,
                                                           @ForAll @IntRange(min = 2, max = 12) int threads,
                                                           @ForAll boolean adaptive) throws Exception {
        Sluice sluice = Sluice.create(SluiceConfig.builder().properties(Map.of(
                "sluice.shedding.enabled", "true",
                "sluice.shedding.limit.type", adaptive ? "gradient2" : "fixed",
                "sluice.shedding.limit.max", Integer.toString(limit),
                "sluice.shedding.critical.routes", "/hello",
                "sluice.shedding.sheddable.routes", "/reports/**")).build());
        LoadShedder guard = sluice.shedding().orElseThrow();
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicInteger mostCounted = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService async = Executors.newFixedThreadPool(2); // completes tickets off the request thread
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                await(start);
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 3000; i++) {
                    Admission a = sluice.admit(TestRequest.get(PATHS[random.nextInt(PATHS.length)]));
                    if (!(a instanceof Admission.Admitted ok)) {
                        continue;
                    }
                    admitted.incrementAndGet();
                    mostHeld.accumulateAndGet(holding.incrementAndGet(), Math::max);
                    mostCounted.accumulateAndGet(guard.inFlight(), Math::max);
                    Ticket ticket = ok.ticket();
                    int ending = random.nextInt(5);
                    holding.decrementAndGet(); // before the permit goes back, so holding ≤ in flight
                    try {
                        switch (ending) {
                            case 0 -> throw new IllegalStateException("the application failed");
                            case 1 -> async.execute(() -> ticket.complete(Ticket.Outcome.CANCELLED)); // async timeout racing the end below
                            case 2 -> ticket.complete(Ticket.Outcome.CANCELLED); // client abort
                            case 3 -> ticket.complete(Ticket.Outcome.SUCCESS); // completed twice: the finally below
                            default -> Thread.onSpinWait();
                        }
                    } catch (IllegalStateException e) {
                        ticket.complete(Ticket.Outcome.FAILURE);
                    } finally {
                        ticket.complete(Ticket.Outcome.SUCCESS);
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        async.shutdown();
        assertThat(async.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(admitted.get()).isPositive();
        assertThat(mostHeld.get()).isLessThanOrEqualTo(limit);
        assertThat(mostCounted.get()).isLessThanOrEqualTo(limit);
        assertThat(guard.inFlight()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
