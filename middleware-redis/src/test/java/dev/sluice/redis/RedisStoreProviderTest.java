package dev.sluice.redis;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.clientlimit.BucketSpace;
import dev.sluice.clientlimit.ClientBuckets;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.contract.RedisServer;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.store.SharedStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.sluice.redis.Fleet.inMaintenance;
import static dev.sluice.redis.Fleet.switchOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RedisStoreProviderTest {

    @Test
    void theStorePropertiesFindTheProviderOnTheClassPath() {
        try (RedisServer redis = RedisServer.start(); Fleet fleet = new Fleet()) {
            Sluice sluice = fleet.start(SluiceConfig.builder().properties(Map.of(
                    "sluice.maintenance.store", "redis",
                    "sluice.client-limits.store", "redis",
                    "sluice.redis.uri", redis.uri().toString(),
                    "sluice.redis.namespace", fleet.namespace,
                    "sluice.redis.state-file", fleet.stateFile("props").toString())));

            switchOn(sluice);

            assertThat(sluice.admin().state().store().type()).isEqualTo("redis");
            assertThat(sluice.admin().state().store().shared()).isTrue();
            assertThat(redis.command("EXISTS", fleet.namespace + ":maintenance")).isEqualTo(":1");
        }
    }

    @Test
    void anApplicationsClientIsUsedAndLeftRunning() {
        try (RedisServer redis = RedisServer.start(); Fleet fleet = new Fleet()) {
            RedisClient application = RedisClient.create(redis.uri().toString());
            try {
                Sluice sluice = fleet.start(fleet.config(redis.uri(), "app").sharedStore(new RedisStoreProvider(application)));
                switchOn(sluice);
                assertThat(redis.command("EXISTS", fleet.namespace + ":maintenance")).isEqualTo(":1");

                sluice.close();

                try (StatefulRedisConnection<String, String> c = application.connect()) {
                    assertThat(c.sync().ping()).as("the application's client still works").isEqualTo("PONG");
                }
            } finally {
                application.shutdown();
            }
        }
    }

    @Test
    void openingWithRedisDownNeitherFailsNorWaitsAndTheStoreSaysItIsNotConnected() {
        RedisServer redis = RedisServer.start();
        redis.kill();
        try (Fleet fleet = new Fleet()) {
            fleet.start(fleet.config(redis.uri(), "cold")); // the JVM's first Lettuce client (its threads, its classes)
            long start = System.nanoTime();
            Sluice sluice = fleet.start(fleet.config(redis.uri(), "down"));
            long took = System.nanoTime() - start;

            System.out.printf("Sluice.create with Redis refusing connections took %.1f ms%n", took / 1e6);
            assertThat(took).isLessThan(Duration.ofSeconds(2).toNanos()); // the admin timeout; refused connections end at once
            assertThat(sluice.admin().state().store().connected()).isFalse();
            assertThat(sluice.admin().state().clientLimitStore().connected()).isFalse();
            assertThat(inMaintenance(sluice)).isFalse();
            assertThat(sluice.admit(Get.of("/quota"))).isInstanceOf(Admission.Admitted.class);
        } finally {
            redis.close();
        }
    }

    @Test
    void onlyTheStoresTheConfigurationNamesAreMade() {
        try (RedisServer redis = RedisServer.start(); Fleet fleet = new Fleet()) {
            SluiceConfig limitsOnly = fleet.config(redis.uri(), "limits").maintenanceStore(MaintenanceConfig.StoreType.MEMORY)
                    .maintenanceEnabled(true).build();
            try (Sluice sluice = Sluice.create(limitsOnly)) {
                assertThat(inMaintenance(sluice)).as("the memory store applies sluice.maintenance.enabled").isTrue();
                assertThat(sluice.admin().state().store().type()).isEqualTo("memory");
                assertThat(redis.command("EXISTS", fleet.namespace + ":maintenance")).as("nothing written to Redis").isEqualTo(":0");
                assertThat(redis.command("PUBSUB", "NUMSUB", fleet.namespace + ":maintenance:changed")).isEqualTo("*2");
            }
        }
    }

    @Test
    void aRefundGivesTheTokenBackInRedisForEveryInstance() {
        try (RedisServer redis = RedisServer.start(); Fleet fleet = new Fleet()) {
            SluiceConfig config = fleet.config(redis.uri(), "refund").maintenanceStore(MaintenanceConfig.StoreType.MEMORY)
                    .clientLimitStore(ClientLimitConfig.StoreType.REDIS).build();
            SharedStore a = new RedisStoreProvider().open(config);
            SharedStore b = new RedisStoreProvider().open(config);
            try {
                BucketSpace space = new BucketSpace("refund:ip", BucketConfiguration.builder()
                        .addLimit(l -> l.capacity(2).refillIntervally(2, Duration.ofMinutes(1))).build(),
                        Duration.ofMinutes(1), 1000, TimeMeter.SYSTEM_MILLISECONDS);
                ClientBuckets onA = a.clientBucketStore().open(space);
                ClientBuckets onB = b.clientBucketStore().open(space);
                assertThat(onA.tryConsume("c")).isTrue();
                assertThat(onB.tryConsume("c")).isTrue();
                assertThat(onA.tryConsume("c")).isFalse();

                onB.refund("c");

                SharedStore c = new RedisStoreProvider().open(config);
                try {
                    ClientBuckets onC = c.clientBucketStore().open(space);
                    await().atMost(Duration.ofSeconds(1)).until(() -> onC.tryConsume("c"));
                    assertThat(onC.tryConsume("c")).isFalse();
                } finally {
                    c.close();
                }
                // A saw the bucket empty and answers from that until it refills: a token given back elsewhere in
                // the meantime is not seen there (the price of skipping Redis for an empty bucket; fewer admitted, never more).
                assertThat(onA.tryConsume("c")).isFalse();
            } finally {
                a.close();
                b.close();
            }
        }
    }
}
