package dev.sluice.internal.shedding;

import dev.sluice.Admission;
import dev.sluice.MutableClock;
import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.TestRequest;
import dev.sluice.Ticket;
import dev.sluice.shedding.ConcurrencyLimit;
import dev.sluice.shedding.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LoadShedderTest {

    private static final String PROXY = "10.0.0.1";

    private static Sluice sluice(Map<String, String> extra) {
        Map<String, String> p = new java.util.HashMap<>(Map.of(
                "sluice.shedding.enabled", "true",
                "sluice.shedding.limit.max", "10",
                "sluice.shedding.normal-share", "0.9", // shares the arithmetic below reads easily
                "sluice.shedding.sheddable-share", "0.5",
                "sluice.shedding.critical.routes", "/hello",
                "sluice.shedding.sheddable.routes", "/reports/**",
                "sluice.trusted-proxies", PROXY,
                "sluice.exempt-paths", "/health/**"));
        p.putAll(extra);
        return Sluice.create(SluiceConfig.builder().properties(p).build());
    }

    private static Ticket admit(Sluice s, TestRequest r) {
        Admission a = s.admit(r);
        return a instanceof Admission.Admitted ad ? ad.ticket() : null;
    }

    private static List<Ticket> fill(Sluice s, TestRequest r, int n) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ticket t = admit(s, r);
            assertThat(t).as("request %d of %s", i + 1, r.path()).isNotNull();
            tickets.add(t);
        }
        return tickets;
    }

    @Test
    void normalRequestsAreAdmittedUpToTheirShareThenRefusedWith503Overload() {
        Sluice s = sluice(Map.of());
        fill(s, TestRequest.get("/work"), 9); // 0.9 × 10

        Admission refused = s.admit(TestRequest.get("/work"));

        assertThat(refused).isInstanceOf(Admission.Rejected.class);
        Rejection r = ((Admission.Rejected) refused).rejection();
        assertThat(r.reason()).isEqualTo(RejectionReason.OVERLOAD);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.retryAfter().seconds()).isBetween(1L, 5L);
        assertThat(r.source()).isEqualTo("concurrency-limit");
        assertThat(s.shedding().orElseThrow().rejected(Priority.NORMAL)).isEqualTo(1);
    }

    @Test
    void criticalRequestsGetTheWholeLimitAndSheddableOnlyHalf() {
        Sluice s = sluice(Map.of());
        fill(s, TestRequest.get("/reports/daily"), 5);
        assertThat(admit(s, TestRequest.get("/reports/daily"))).isNull();
        fill(s, TestRequest.get("/work"), 4);
        assertThat(admit(s, TestRequest.get("/work"))).isNull();
        fill(s, TestRequest.get("/hello"), 1);

        assertThat(admit(s, TestRequest.get("/hello"))).isNull();
        assertThat(s.shedding().orElseThrow().inFlight()).isEqualTo(10);
        assertThat(s.shedding().orElseThrow().rejected(Priority.CRITICAL)).isEqualTo(1);
    }

    @Test
    void aPermitComesBackExactlyOnceHoweverOftenItIsCompleted() {
        Sluice s = sluice(Map.of());
        List<Ticket> tickets = fill(s, TestRequest.get("/work"), 9);

        tickets.get(0).complete(Ticket.Outcome.SUCCESS);
        tickets.get(0).complete(Ticket.Outcome.CANCELLED);
        tickets.get(0).complete(Ticket.Outcome.FAILURE);

        assertThat(s.shedding().orElseThrow().inFlight()).isEqualTo(8);
        assertThat(admit(s, TestRequest.get("/work"))).isNotNull();
        assertThat(admit(s, TestRequest.get("/work"))).isNull();
    }

    @Test
    void exemptPathsAreNeverShedAndHoldNoPermit() {
        Sluice s = sluice(Map.of());
        fill(s, TestRequest.get("/hello"), 10);

        assertThat(s.admit(TestRequest.get("/health/ready"))).isSameAs(Admission.Admitted.WITHOUT_PERMIT);
        assertThat(s.shedding().orElseThrow().inFlight()).isEqualTo(10);
    }

    @Test
    void noPriorityHeaderIsBelievedUnlessOneIsConfigured() {
        Sluice s = sluice(Map.of());

        TestRequest fromProxy = TestRequest.get("/work").header("X-Sluice-Priority", "critical").from(PROXY);

        assertThat(s.shedding().orElseThrow().priority(fromProxy, fromProxy.path())).as("a pass-through proxy forwards the client's own")
                .isEqualTo(Priority.NORMAL);
    }

    @Test
    void aTrustedProxyMayNameThePriorityButAClientCannotPromoteItself() {
        Sluice s = sluice(Map.of("sluice.shedding.priority-header", "X-Sluice-Priority"));
        fill(s, TestRequest.get("/work"), 9);

        TestRequest fromClient = TestRequest.get("/work").header("X-Sluice-Priority", "critical").from("198.51.100.7");
        TestRequest fromProxy = TestRequest.get("/work").header("X-Sluice-Priority", "critical").from(PROXY);
        TestRequest demoted = TestRequest.get("/hello").header("X-Sluice-Priority", "sheddable").from(PROXY);

        assertThat(admit(s, fromClient)).isNull();
        assertThat(s.shedding().orElseThrow().priority(demoted, demoted.path())).isEqualTo(Priority.SHEDDABLE);
        assertThat(s.shedding().orElseThrow().priority(fromProxy, fromProxy.path())).isEqualTo(Priority.CRITICAL);
        assertThat(admit(s, fromProxy)).isNotNull();
    }

    @Test
    void routeRulesMayNameMethods() {
        Sluice s = sluice(Map.of("sluice.shedding.critical.methods", "POST"));
        LoadShedder g = s.shedding().orElseThrow();

        assertThat(g.priority(TestRequest.of("POST", "/hello"), "/hello")).isEqualTo(Priority.CRITICAL);
        assertThat(g.priority(TestRequest.of("GET", "/hello"), "/hello")).isEqualTo(Priority.NORMAL);
    }

    @Test
    void retryAfterIsJitteredNeverOneValueForEveryone() {
        Sluice s = sluice(Map.of("sluice.shedding.limit.max", "1"));
        fill(s, TestRequest.get("/hello"), 1);

        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Admission a = s.admit(TestRequest.get("/work"));
            seen.add(((Admission.Rejected) a).rejection().retryAfter().seconds());
        }

        assertThat(seen).hasSizeGreaterThan(1).allSatisfy(v -> assertThat(v).isBetween(1L, 5L));
    }

    @Test
    void highCpuShedsSheddableFirstThenNormalButNeverCritical() {
        AtomicReference<Double> cpu = new AtomicReference<>(0.5);
        Sluice s = Sluice.create(SluiceConfig.builder().properties(Map.of(
                        "sluice.shedding.enabled", "true",
                        "sluice.shedding.critical.routes", "/hello",
                        "sluice.shedding.sheddable.routes", "/reports/**",
                        "sluice.shedding.cpu.sheddable-above", "0.8",
                        "sluice.shedding.cpu.normal-above", "0.95",
                        "sluice.shedding.cpu.sample-interval", "10ms"))
                .cpuLoadSource(cpu::get).build());
        LoadShedder g = s.shedding().orElseThrow();

        assertThat(admit(s, TestRequest.get("/reports/x"))).isNotNull();
        cpu.set(0.9);
        await().until(() -> g.cpuLoad() == 0.9); // sampled off the request path
        Admission refused = s.admit(TestRequest.get("/reports/x"));
        assertThat(((Admission.Rejected) refused).rejection().source()).isEqualTo("cpu");
        assertThat(admit(s, TestRequest.get("/work"))).isNotNull();
        cpu.set(0.99);
        await().until(() -> g.cpuLoad() == 0.99);
        assertThat(admit(s, TestRequest.get("/work"))).isNull();
        assertThat(admit(s, TestRequest.get("/hello"))).isNotNull();
        s.close();
    }

    @Test
    void anUnknownCpuLoadNeverSheds() {
        Sluice s = Sluice.create(SluiceConfig.builder().properties(Map.of(
                        "sluice.shedding.enabled", "true", "sluice.shedding.cpu.normal-above", "0.5"))
                .cpuLoadSource(() -> Double.NaN).build());

        assertThat(admit(s, TestRequest.get("/work"))).isNotNull();
        s.close();
    }

    @Test
    void theCpuSignalReadsItsSourceAndNeverShedsOnAnUnknownOrAbsurdLoad() {
        java.util.concurrent.atomic.AtomicReference<Double> reading = new java.util.concurrent.atomic.AtomicReference<>(0.42);
        CpuLoadSignal signal = new CpuLoadSignal(() -> {
            Double v = reading.get();
            if (v == null) {
                throw new IllegalStateException("the source failed");
            }
            return v;
        }, Duration.ofHours(1)); // samples only when told to
        try {
            assertThat(signal.load()).isEqualTo(0.42);
            for (double[] c : new double[][] {{0.97, 0.97}, {1.7, 1.0}, {-1, 0}, {Double.NaN, 0}, {0, 0}}) {
                reading.set(c[0]);
                signal.refresh();
                assertThat(signal.load()).as("source %s", c[0]).isEqualTo(c[1]);
            }
            reading.set(null);
            signal.refresh();
            assertThat(signal.load()).as("a failing source").isZero();
        } finally {
            signal.close();
        }
    }

    @Test
    void anAdaptiveLimitIsToldHowLongARequestTookByTheInjectedClock() {
        List<Long> rtts = new ArrayList<>();
        ConcurrencyLimit recording = new ConcurrencyLimit() {
            @Override
            public int current() {
                return 4;
            }

            @Override
            public boolean adaptive() {
                return true;
            }

            @Override
            public void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
                rtts.add(rttNanos);
            }

            @Override
            public String type() {
                return "recording";
            }
        };
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000);
        Sluice s = Sluice.create(SluiceConfig.builder().sheddingEnabled(true).concurrencyLimit(recording).nanoClock(nanos::get).build());

        Ticket t = admit(s, TestRequest.get("/a"));
        nanos.addAndGet(Duration.ofMillis(37).toNanos());
        t.complete(Ticket.Outcome.SUCCESS);

        assertThat(rtts).containsExactly(Duration.ofMillis(37).toNanos());
    }

    @Test
    void aRequestThatWaitedTooLongBehindATrustedProxyIsRefused() {
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
        Sluice s = Sluice.create(SluiceConfig.builder().clock(clock).properties(Map.of(
                "sluice.shedding.enabled", "true",
                "sluice.shedding.queue-time.max", "500ms",
                "sluice.trusted-proxies", PROXY)).build());
        long nowMicros = clock.millis() * 1000;

        TestRequest waited = TestRequest.get("/work").from(PROXY).header("X-Request-Start", "t=" + (nowMicros - 800_000));
        TestRequest fresh = TestRequest.get("/work").from(PROXY).header("X-Request-Start", "t=" + (nowMicros - 100_000));
        TestRequest nginxSeconds = TestRequest.get("/work").from(PROXY).header("X-Request-Start", "t=" + (clock.millis() - 2000) / 1000.0);
        TestRequest millis = TestRequest.get("/work").from(PROXY).header("X-Request-Start", Long.toString(clock.millis() - 600));
        TestRequest untrusted = TestRequest.get("/work").from("198.51.100.7").header("X-Request-Start", "t=" + (nowMicros - 800_000));

        assertThat(((Admission.Rejected) s.admit(waited)).rejection().source()).isEqualTo("queue-time");
        assertThat(admit(s, fresh)).isNotNull();
        assertThat(admit(s, nginxSeconds)).isNull();
        assertThat(admit(s, millis)).isNull();
        assertThat(admit(s, untrusted)).as("only a trusted proxy's clock counts").isNotNull();
    }

    @Test
    void requestStartIsReadInEveryUnitProxiesUse() {
        assertThat(RequestStart.epochMicros("t=1732440000123456")).isEqualTo(1732440000123456L);
        assertThat(RequestStart.epochMicros("t=1732440000.123")).isEqualTo(1732440000123000L);
        assertThat(RequestStart.epochMicros("1732440000123")).isEqualTo(1732440000123000L);
        assertThat(RequestStart.epochMicros("1732440000")).isEqualTo(1732440000000000L);
        assertThat(RequestStart.epochMicros("t=1732440000123456789")).isEqualTo(1732440000123456L);
        assertThat(RequestStart.epochMicros("t=soon")).isEqualTo(-1);
        assertThat(RequestStart.epochMicros("")).isEqualTo(-1);
        assertThat(RequestStart.epochMicros("-5")).isEqualTo(-1);
    }

    @Test
    void anAdaptiveLimitHearsOfSuccessesAndTimeoutsButNotOfApplicationFailuresOrClientsThatWentAway() {
        List<Boolean> samples = new ArrayList<>();
        ConcurrencyLimit recording = new ConcurrencyLimit() {
            @Override
            public int current() {
                return 4;
            }

            @Override
            public boolean adaptive() {
                return true;
            }

            @Override
            public void onSample(long startNanos, long rttNanos, int inFlight, boolean dropped) {
                assertThat(rttNanos).isNotNegative();
                assertThat(inFlight).isBetween(1, 4);
                samples.add(dropped);
            }

            @Override
            public String type() {
                return "recording";
            }
        };
        Sluice s = Sluice.create(SluiceConfig.builder().sheddingEnabled(true).concurrencyLimit(recording).build());

        admit(s, TestRequest.get("/a")).complete(Ticket.Outcome.SUCCESS);
        admit(s, TestRequest.get("/a")).complete(Ticket.Outcome.FAILURE);
        admit(s, TestRequest.get("/a")).complete(Ticket.Outcome.CANCELLED);
        admit(s, TestRequest.get("/a")).complete(Ticket.Outcome.TIMED_OUT);

        assertThat(samples).containsExactly(false, true);
        assertThat(s.shedding().orElseThrow().snapshot().limitType()).isEqualTo("recording");
    }

    @Test
    void clientsThatOpenAndResetRequestsCannotPushVegasDown() {
        Sluice s = sluice(Map.of("sluice.shedding.limit.type", "vegas", "sluice.shedding.limit.initial", "20",
                "sluice.shedding.limit.max", "40"));
        for (int i = 0; i < 2000; i++) {
            admit(s, TestRequest.get("/a")).complete(Ticket.Outcome.CANCELLED);
        }

        assertThat(s.shedding().orElseThrow().limit()).isEqualTo(20);
    }

    @Test
    void gradient2StartsAtItsInitialLimitAndStaysWithinItsBounds() {
        Sluice s = sluice(Map.of("sluice.shedding.limit.type", "gradient2", "sluice.shedding.limit.initial", "6",
                "sluice.shedding.limit.min", "2", "sluice.shedding.limit.max", "10"));
        LoadShedder g = s.shedding().orElseThrow();
        assertThat(g.limit()).isEqualTo(6);

        for (int i = 0; i < 2000; i++) {
            List<Ticket> batch = fill(s, TestRequest.get("/hello"), Math.min(g.limit(), 6));
            batch.forEach(t -> t.complete(Ticket.Outcome.SUCCESS));
            assertThat(g.limit()).isBetween(2, 10);
        }
        assertThat(g.inFlight()).isZero();
    }

    @Test
    void theAdminStateShowsLimitInFlightAndRefusalsByPriority() {
        Sluice s = sluice(Map.of("sluice.shedding.limit.max", "2"));
        fill(s, TestRequest.get("/hello"), 2);
        s.admit(TestRequest.get("/reports/x"));

        String json = s.admin().state().toJson();

        assertThat(json).contains("\"shedding\":{\"enabled\":true,\"limitType\":\"fixed\",\"limit\":2,\"inFlight\":2,"
                + "\"rejected\":{\"critical\":0,\"normal\":0,\"sheddable\":1}}");
        assertThat(Sluice.create(SluiceConfig.defaults()).admin().state().toJson()).contains("\"shedding\":{\"enabled\":false}");
    }

    @Test
    void withSheddingOffNoPermitIsTaken() {
        Sluice s = Sluice.create(SluiceConfig.defaults());

        assertThat(s.admit(TestRequest.get("/work"))).isSameAs(Admission.Admitted.WITHOUT_PERMIT);
        assertThat(s.shedding()).isEmpty();
    }
}
