package dev.sluice.redis;

import dev.sluice.Sluice;
import dev.sluice.contract.RedisServer;
import dev.sluice.maintenance.MaintenanceRequest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static dev.sluice.redis.Fleet.inMaintenance;
import static dev.sluice.redis.Fleet.nanosUntil;
import static dev.sluice.redis.Fleet.switchOff;
import static dev.sluice.redis.Fleet.switchOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A late or stale write never overwrites a newer state, in Redis or on an instance; what Redis holds that is not a
 * state keeps the last good one and is logged once.
 */
class MaintenanceVersioningTest {

    private RedisServer redis;
    private Fleet fleet;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> raw;
    private String key;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        fleet = new Fleet();
        client = RedisClient.create(redis.uri().toString());
        connection = client.connect();
        raw = connection.sync();
        key = fleet.namespace + ":maintenance";
    }

    @AfterEach
    void stop() {
        connection.close();
        client.shutdown();
        fleet.close();
        redis.close();
    }

    @Test
    void theWriteBackScriptNeverReplacesANewerVersionNorAValueThatIsNotAState() {
        String newer = "{\"version\":100,\"maintenance\":null}";
        raw.set(key, newer);

        assertThat(writeBack("{\"version\":50,\"maintenance\":{}}", 50)).isEqualTo(newer);
        assertThat(writeBack("{\"version\":100,\"maintenance\":{}}", 100)).isEqualTo(newer);
        assertThat(raw.get(key)).isEqualTo(newer);
        assertThat(writeBack("{\"version\":150,\"maintenance\":{}}", 150)).isEqualTo("{\"version\":150,\"maintenance\":{}}");

        raw.set(key, "someone else's");
        assertThat(writeBack("{\"version\":200,\"maintenance\":{}}", 200)).isEqualTo("someone else's");
        raw.del(key);
        assertThat(writeBack("{\"version\":1,\"maintenance\":{}}", 1)).as("nothing in Redis: written").isEqualTo("{\"version\":1,\"maintenance\":{}}");
    }

    @Test
    void anAdminWriteGetsAVersionAboveRedissClockTheStoredVersionAndTheWritersAndALateOneIsRefused() {
        long now = Instant.now().toEpochMilli();
        assertThat(version(write("null", 0, 0))).isBetween(now - 5_000, now + 5_000);

        raw.set(key, "{\"version\":" + (now + 10_000_000) + ",\"maintenance\":null}");
        assertThat(version(write("{}", 0, 0))).isEqualTo(now + 10_000_001);
        assertThat(version(write("{}", 0, now + 20_000_000))).isEqualTo(now + 20_000_001);

        String before = raw.get(key);
        assertThatThrownBy(() -> write("null", now - 1000, 0)).isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageStartingWith("LATE");
        assertThat(raw.get(key)).as("a late write changes nothing").isEqualTo(before);
    }

    @Test
    void anOlderStatePublishedOrFoundInRedisNeverTakesAnInstanceBack() {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
        Sluice b = fleet.start(fleet.config(redis.uri(), "b").redisPollInterval(Duration.ofMillis(100)));
        switchOn(a);
        assertThat(nanosUntil(() -> inMaintenance(b), 1000)).isNotNegative();
        String current = raw.get(key);
        String older = "{\"version\":" + (version(current) - 1) + ",\"maintenance\":null}";

        raw.publish(key + ":changed", older);
        raw.set(key, older);

        // B's poll finds the older state in Redis: B stays on and writes its newer state back.
        await().atMost(Duration.ofSeconds(2)).until(() -> current.equals(raw.get(key)));
        assertThat(inMaintenance(a)).isTrue();
        assertThat(inMaintenance(b)).isTrue();
    }

    @Test
    void twoAdminsWritingAtOnceLeaveRedisAndEveryInstanceOnTheSameLastState() throws Exception {
        Sluice a = fleet.start(fleet.config(redis.uri(), "a"));
        Sluice b = fleet.start(fleet.config(redis.uri(), "b"));
        List<Long> published = new CopyOnWriteArrayList<>();
        StatefulRedisPubSubConnection<String, String> listener = client.connectPubSub();
        listener.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                published.add(version(message));
            }
        });
        listener.sync().subscribe(key + ":changed");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> admins = new ArrayList<>();
        for (Sluice s : List.of(a, b)) {
            String name = s == a ? "a" : "b";
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 50; i++) {
                        s.admin().maintenanceOn(MaintenanceRequest.parse("{\"message\":\"" + name + i + "\"}"), name);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            admins.add(t);
        }
        go.countDown();
        for (Thread t : admins) {
            t.join();
        }

        await().atMost(Duration.ofSeconds(2)).until(() -> published.size() == 100);
        listener.close();
        assertThat(published).as("every write got its own, higher version").isSorted().doesNotHaveDuplicates();
        String last = raw.get(key);
        assertThat(version(last)).isEqualTo(published.get(99));
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            String messageInRedis = last.replaceAll(".*\"message\":\"([ab][0-9]+)\".*", "$1");
            assertThat(a.admin().state().maintenance()).hasValueSatisfying(m -> assertThat(m.message()).isEqualTo(messageInRedis));
            assertThat(b.admin().state().maintenance()).hasValueSatisfying(m -> assertThat(m.message()).isEqualTo(messageInRedis));
        });
    }

    @Test
    void whatRedisHoldsThatIsNotAValidStateKeepsTheLastGoodOneAndIsLoggedOnce() throws Exception {
        try (LogCapture log = new LogCapture()) {
            Sluice a = fleet.start(fleet.config(redis.uri(), "a").redisPollInterval(Duration.ofMillis(50)));
            switchOn(a);
            log.clear();

            raw.set(key, "{\"version\":9,\"maintenance\":{\"mode\":\"SOMETIMES\"}}");
            raw.publish(key + ":changed", "{\"version\":9,\"maintenance\":{\"mode\":\"SOMETIMES\"}}");
            Thread.sleep(600); // a dozen polls

            assertThat(inMaintenance(a)).isTrue();
            assertThat(log.warnings()).singleElement().asString().contains("cannot use").contains("mode");

            String farAhead = "{\"version\":" + Long.MAX_VALUE / 2048 + ",\"maintenance\":{\"until\":\"" + Instant.now().plus(Duration.ofDays(800)) + "\"}}";
            raw.set(key, farAhead);
            Thread.sleep(300);
            assertThat(inMaintenance(a)).isTrue();
            assertThat(log.warnings()).hasSize(2).last().asString().contains("within 366 days");

            switchOff(a); // an operator's write replaces what is not a state
            assertThat(inMaintenance(a)).isFalse();
            assertThat(raw.get(key)).contains("\"maintenance\":null");
            assertThat(log.warnings()).hasSize(2);
        }
    }

    @Test
    void whenRedisComesBackEmptyTheNewestStateAnyInstanceKnowsWinsWhicheverWritesFirst() {
        try (TcpProxy toA = new TcpProxy(redis.port()); TcpProxy toB = new TcpProxy(redis.port())) {
            Sluice a = fleet.start(fleet.config(toA.uri(), "a"));
            Sluice b = fleet.start(fleet.config(toB.uri(), "b"));
            switchOn(a);
            assertThat(nanosUntil(() -> inMaintenance(b), 1000)).isNotNegative();
            toB.sever();
            switchOff(a); // newer; B, cut off, still knows "on"
            toA.sever();
            connection.close();
            redis.restart(); // empty
            connection = client.connect();
            raw = connection.sync();

            toB.restore(); // B, with the older state, writes first
            await().atMost(Duration.ofSeconds(2)).until(() -> raw.get(key) != null);
            assertThat(raw.get(key)).contains("\"message\":\"upgrade\"");
            toA.restore(); // A knows a newer state: it replaces B's

            assertThat(nanosUntil(() -> !inMaintenance(b), 2000)).as("B learns the newer state").isNotNegative();
            assertThat(inMaintenance(a)).isFalse();
            assertThat(raw.get(key)).contains("\"maintenance\":null");
        }
    }

    private String writeBack(String json, long version) {
        return raw.eval(RedisMaintenanceStore.WRITE_BACK_SCRIPT, ScriptOutputType.VALUE, new String[]{key},
                json, Long.toString(version), key + ":changed");
    }

    private String write(String maintenance, long deadline, long known) {
        return raw.eval(RedisMaintenanceStore.WRITE_SCRIPT, ScriptOutputType.VALUE, new String[]{key},
                maintenance, Long.toString(deadline), key + ":changed", Long.toString(known));
    }

    private static long version(String json) {
        return Long.parseLong(json.replaceAll("^\\{\"version\":([0-9]+),.*", "$1"));
    }
}
