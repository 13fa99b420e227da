package dev.sluice.redis;

import dev.sluice.Sluice;
import dev.sluice.contract.RedisServer;
import dev.sluice.store.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;

import static dev.sluice.redis.Fleet.inMaintenance;
import static dev.sluice.redis.Fleet.nanosUntil;
import static dev.sluice.redis.Fleet.switchOff;
import static dev.sluice.redis.Fleet.switchOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two instances share the maintenance switch through a real redis-server (CONTRACT §6, §10): a switch reaches every
 * instance within 1 s; while Redis is killed, hung, or out of one instance's reach every instance keeps its last
 * state, admin writes are refused and change nothing anywhere, and once Redis is back every instance converges
 * within 1 s, changes made meanwhile included.
 */
class FleetMaintenanceTest {

    private static final long ONE_SECOND = 1000;

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

    @Test
    void aSwitchOnOneInstanceReachesTheOtherWithinOneSecond() {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
        Sluice b = fleet.start(fleet.config(redis.uri(), "b"));
        long[] delays = new long[100];
        long[] writes = new long[delays.length];

        for (int i = 0; i < delays.length; i++) {
            boolean on = i % 2 == 0;
            long start = System.nanoTime();
            if (on) {
                switchOn(a);
            } else {
                switchOff(a);
            }
            writes[i] = System.nanoTime() - start;
            long waited = nanosUntil(() -> inMaintenance(b) == on, ONE_SECOND);
            assertThat(waited).as("switch %d (%s) reached B within 1 s", i, on ? "on" : "off").isNotNegative();
            delays[i] = System.nanoTime() - start;
        }

        long[] afterReturn = new long[delays.length];
        for (int i = 0; i < delays.length; i++) {
            afterReturn[i] = delays[i] - writes[i];
        }
        Arrays.sort(delays);
        Arrays.sort(writes);
        Arrays.sort(afterReturn);
        System.out.printf("propagation A -> B over %d switches, from A's admin call to B answering accordingly: p50 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms; A's admin write alone: p50 %.2f ms, p99 %.2f ms; from its return to B: p50 %.2f ms, p99 %.2f ms%n",
                delays.length, delays[49] / 1e6, delays[98] / 1e6, delays[99] / 1e6, writes[49] / 1e6, writes[98] / 1e6,
                afterReturn[49] / 1e6, afterReturn[98] / 1e6);
    }

    @Test
    void aKilledRedisLeavesEveryInstanceAsItWasRefusesWritesAndTheFleetConvergesWhenItIsBack() {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
        Sluice b = fleet.start(fleet.config(redis.uri(), "b"));
        switchOn(a);
        assertThat(nanosUntil(() -> inMaintenance(b), ONE_SECOND)).isNotNegative();

        redis.kill();

        await().atMost(Duration.ofSeconds(5)).until(() -> !a.admin().state().store().connected()
                && !b.admin().state().store().connected());
        assertThatThrownBy(() -> switchOff(a)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> switchOff(b)).isInstanceOf(StoreUnavailableException.class);
        assertThat(inMaintenance(a)).as("A keeps its last state").isTrue();
        assertThat(inMaintenance(b)).as("B keeps its last state").isTrue();

        redis.restart(); // empty: nothing was persisted
        long converged = nanosUntil(() -> redis.command("EXISTS", fleet.namespace + ":maintenance").equals(":1")
                && a.admin().state().store().connected() && b.admin().state().store().connected(), 5 * ONE_SECOND);
        System.out.printf("after kill -9 and an empty restart: state written back and both instances connected after %.1f ms%n", converged / 1e6);
        assertThat(converged).as("converged within 1 s").isBetween(0L, ONE_SECOND * 1_000_000);
        assertThat(inMaintenance(a) && inMaintenance(b)).isTrue();

        switchOff(a);
        assertThat(nanosUntil(() -> !inMaintenance(b), ONE_SECOND)).as("a switch after recovery reaches B").isNotNegative();
    }

    @Test
    void aHungRedisRefusesTheWriteWithinTheAdminTimeoutAndTheWriteNeverTakesEffectAfterwards() {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a").redisAdminTimeout(Duration.ofMillis(600)));
        Sluice b = fleet.start(fleet.config(redis.uri(), "b"));
        switchOn(a);
        assertThat(nanosUntil(() -> inMaintenance(b), ONE_SECOND)).isNotNegative();

        redis.pause();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> switchOff(a)).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("did not answer");
            long refusedAfter = System.nanoTime() - start;
            System.out.printf("admin write against a hung Redis refused after %.1f ms (admin timeout 600 ms)%n", refusedAfter / 1e6);
            assertThat(refusedAfter).isLessThan(Duration.ofMillis(600 + 1000).toNanos());
            assertThat(inMaintenance(a) && inMaintenance(b)).isTrue();
        } finally {
            redis.resume();
        }

        // The refused write was sent before Redis hung; Redis runs it now and must refuse it (its deadline has passed).
        long applied = nanosUntil(() -> !inMaintenance(a) || !inMaintenance(b), ONE_SECOND);
        assertThat(applied).as("the write the admin was told failed never takes effect").isNegative();
        assertThat(redis.command("EXISTS", fleet.namespace + ":maintenance")).isEqualTo(":1");
        switchOff(a);
        assertThat(nanosUntil(() -> !inMaintenance(b), ONE_SECOND)).as("a switch after the hang reaches B").isNotNegative();
    }

    @Test
    void aChangeMadeWhileOneInstanceWasCutOffReachesItWithinOneSecondOfReconnecting() {
        try (TcpProxy toB = new TcpProxy(redis.port())) {
            Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
            Sluice b = fleet.start(fleet.config(toB.uri(), "b"));

            toB.sever();
            await().atMost(Duration.ofSeconds(5)).until(() -> !b.admin().state().store().connected());
            switchOn(a);
            assertThatThrownBy(() -> switchOn(b)).isInstanceOf(StoreUnavailableException.class);
            assertThat(nanosUntil(() -> inMaintenance(b), 300)).as("B, cut off, keeps its last state").isNegative();

            toB.restore();
            long reached = nanosUntil(() -> inMaintenance(b), 5 * ONE_SECOND);
            System.out.printf("a change made while B was cut off reached B %.1f ms after its link was restored%n", reached / 1e6);
            assertThat(reached).as("within 1 s of the link coming back").isBetween(0L, ONE_SECOND * 1_000_000);
            assertThat(inMaintenance(a)).isTrue();
        }
    }

    @Test
    void connectionsWhosePathDiedSilentlyAreReplacedAndTheInstanceCatchesUp() {
        try (TcpProxy toB = new TcpProxy(redis.port())) {
            Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
            Sluice b = fleet.start(fleet.config(toB.uri(), "b").redisPollInterval(Duration.ofMillis(200))
                    .redisAdminTimeout(Duration.ofMillis(300)));
            int before = toB.accepted();

            toB.blackHole(); // B's connections stay open; nothing gets through, and nothing says so
            switchOn(a);
            await().atMost(Duration.ofSeconds(5)).until(() -> !b.admin().state().store().connected());
            assertThat(inMaintenance(b)).as("B has not heard").isFalse();
            toB.restore(); // new connections get through; the old ones stay dead

            long reached = nanosUntil(() -> inMaintenance(b), 10 * ONE_SECOND);
            System.out.printf("after a silent path failure B caught up %.1f ms after the path came back "
                    + "(heartbeat every 200 ms, 300 ms to answer, two missed replace the connections)%n", reached / 1e6);
            assertThat(reached).as("B replaced its dead connections and read the state").isNotNegative();
            assertThat(toB.accepted()).as("new connections were made").isGreaterThan(before);
        }
    }

    @Test
    void anInstanceStartedWithRedisDownStartsFromItsStateFileAndJoinsWhenRedisIsBack() throws Exception {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
        switchOn(a);
        await().atMost(Duration.ofSeconds(2)).until(() -> Files.exists(fleet.stateFile("a"))
                && Files.readString(fleet.stateFile("a")).contains("\"message\":\"upgrade\""));
        redis.kill();
        a.close();

        try (LogCapture log = new LogCapture()) {
            long start = System.nanoTime();
            Sluice restarted = fleet.start(fleet.config(redis.uri(), "a"));
            long startup = System.nanoTime() - start;

            assertThat(startup).as("starting does not wait for Redis longer than the admin timeout").isLessThan(Duration.ofSeconds(2 + 1).toNanos());
            assertThat(inMaintenance(restarted)).as("fail-static from the state file").isTrue();
            assertThat(log.warnings()).singleElement().asString().contains("unreachable").contains("state file");

            redis.restart(); // empty
            Sluice fresh = fleet.start(fleet.config(redis.uri(), "fresh"));
            assertThat(nanosUntil(() -> inMaintenance(fresh), ONE_SECOND))
                    .as("the restarted instance writes its state back within 1 s; a new instance learns it").isNotNegative();
            assertThat(restarted.admin().state().store().connected()).isTrue();
        }
    }

    @Test
    void anInstanceStartedWithRedisDownAndNoStateFileUsesTheConfiguredDefaultUntilRedisSaysOtherwise() {
        Sluice off = fleet.start(fleet.config(redis.uri(), "off"));
        switchOn(off);
        switchOff(off); // Redis now holds "off" with a version
        redis.kill();

        Sluice enabled = fleet.start(fleet.config(redis.uri(), "enabled").maintenanceEnabled(true));
        assertThat(inMaintenance(enabled)).as("the configured default while Redis is out of reach").isTrue();

        redis.restart(); // empty; the first instance writes "off" back, which beats the default
        assertThat(nanosUntil(() -> !inMaintenance(enabled), 3 * ONE_SECOND)).as("a state someone knew beats the default").isNotNegative();
        assertThat(inMaintenance(off)).isFalse();
    }

    @Test
    void maintenanceEnabledSwitchesTheFleetOnlyWhenRedisHoldsNothingYet() {
        Sluice first = fleet.start(fleet.config(redis.uri(), "first").maintenanceEnabled(true));
        Sluice second = fleet.start(fleet.config(redis.uri(), "second"));
        assertThat(inMaintenance(first) && inMaintenance(second)).as("nothing in Redis: the default is written").isTrue();

        switchOff(second);
        Sluice third = fleet.start(fleet.config(redis.uri(), "third").maintenanceEnabled(true));

        assertThat(inMaintenance(third)).as("an operator's state in Redis wins over the default").isFalse();
        assertThat(nanosUntil(() -> !inMaintenance(first), ONE_SECOND)).isNotNegative();
    }

    @Test
    void anOutageIsLoggedOnceAndItsEndOnceHoweverManyChecksFail() throws Exception {
        try (LogCapture log = new LogCapture()) {
            Sluice a = fleet.start(fleet.config(redis.uri(), "a").redisPollInterval(Duration.ofMillis(100)));
            Thread traffic = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    a.admit(Get.of("/orders"));
                    a.admit(new Get("/quota", "198.51.100." + (System.nanoTime() % 200)));
                }
            });
            traffic.start();
            try {
                Thread.sleep(300);
                redis.kill();
                Thread.sleep(1500); // polls every 100 ms, checks all the time, admin writes refused
                assertThatThrownBy(() -> switchOn(a)).isInstanceOf(StoreUnavailableException.class);
                redis.restart();
                await().atMost(Duration.ofSeconds(2)).until(() -> a.admin().state().store().connected());
                Thread.sleep(500);
            } finally {
                traffic.interrupt();
                traffic.join();
            }

            assertThat(log.warnings()).singleElement().asString().contains("unreachable")
                    .contains("maintenance stays as last known").contains("counted by this instance alone");
            assertThat(log.infos().stream().filter(l -> l.contains("answers again")).toList()).hasSize(1);
        }
    }
}
