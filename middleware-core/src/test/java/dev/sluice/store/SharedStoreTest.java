package dev.sluice.store;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.SluiceConfigException;
import dev.sluice.TestRequest;
import dev.sluice.clientlimit.BucketSpace;
import dev.sluice.clientlimit.ClientBucketStore;
import dev.sluice.clientlimit.ClientBuckets;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.internal.admin.AdminCaller;
import dev.sluice.internal.admin.AdminRequest;
import dev.sluice.internal.clientlimit.LocalClientBucketStore;
import dev.sluice.internal.http.RenderedResponse;
import dev.sluice.internal.maintenance.InMemoryMaintenanceStore;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceState;
import dev.sluice.maintenance.MaintenanceStore;
import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the core uses a shared store, whichever it is: the store properties select it, the admin never pretends a
 * write the store refused, the admin state shows the store's link, and the per-client checks go through its
 * buckets. The Redis store itself is tested against a real redis-server in {@code sluice-redis}.
 */
class SharedStoreTest {

    private static final String TOKEN = "admin-token-0123456789";

    @Test
    void aStorePropertyNamingRedisWithoutTheModuleFailsAtStartNamingPropertyAndModule() {
        SluiceConfig maintenance = SluiceConfig.builder().properties(Map.of("sluice.maintenance.store", "redis")).build();
        SluiceConfig limits = SluiceConfig.builder().properties(Map.of("sluice.client-limits.store", "redis")).build();

        assertThatThrownBy(() -> Sluice.create(maintenance)).isInstanceOf(SluiceConfigException.class)
                .hasMessageContaining("sluice.maintenance.store").hasMessageContaining("dev.sluice:sluice-redis");
        assertThatThrownBy(() -> Sluice.create(limits)).isInstanceOf(SluiceConfigException.class)
                .hasMessageContaining("sluice.client-limits.store").hasMessageContaining("dev.sluice:sluice-redis");
    }

    @Test
    void aRedisUriThatIsNotOneIsRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> SluiceConfig.builder().properties(Map.of("sluice.redis.uri", "http://:hunter2@cache:6379")).build())
                .isInstanceOf(SluiceConfigException.class).hasMessageContaining("sluice.redis.uri")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anAdminWriteTheStoreCannotMakeIs503StoreUnavailableAndChangesNothing() {
        TestStore shared = new TestStore();
        try (Sluice sluice = Sluice.create(redisConfig(shared).build())) {
            shared.maintenance.reachable = false;

            RenderedResponse on = sluice.adminHttp().handle(adminPost("{\"message\":\"upgrade\"}"));

            assertThat(on.status()).isEqualTo(503);
            assertThat(text(on)).contains("store-unavailable").contains("not made");
            assertThat(on.header("Retry-After")).isNull();
            assertThat(sluice.admin().state().maintenance()).isEmpty();
            assertThat(sluice.admit(TestRequest.get("/orders"))).isInstanceOf(Admission.Admitted.class);
        }
    }

    @Test
    void theAdminStateShowsTheSharedStoresLink() {
        TestStore shared = new TestStore();
        try (Sluice sluice = Sluice.create(redisConfig(shared).build())) {
            shared.maintenance.reachable = false;

            String json = sluice.admin().state().toJson();

            assertThat(json).contains("\"store\":\"redis\"")
                    .contains("\"storeStatus\":{\"type\":\"redis\",\"connected\":false,\"since\":\"2026-01-01T00:00:00Z\"")
                    .contains("\"clientLimitStore\":{\"type\":\"redis\",\"connected\":true");
        }
    }

    @Test
    void perClientChecksGoThroughTheSharedBucketsOnePerPolicyAndKindOfKey() {
        TestStore shared = new TestStore();
        try (Sluice sluice = Sluice.create(redisConfig(shared)
                .clientLimit("quota", List.of("/quota"), List.of(), "2/10s", null, null, null).build())) {
            for (int i = 0; i < 3; i++) {
                sluice.admit(TestRequest.get("/quota"));
            }

            assertThat(shared.buckets.spaces).containsExactly("quota:ip");
            assertThat(shared.buckets.checks).isEqualTo(3);
            assertThat(sluice.admit(TestRequest.get("/quota"))).isInstanceOf(Admission.Rejected.class);
        }
    }

    @Test
    void maintenanceEnabledAtStartIsLeftToTheSharedStoreSoOneInstanceStartingDoesNotSwitchTheFleet() {
        TestStore shared = new TestStore();
        try (Sluice sluice = Sluice.create(redisConfig(shared).maintenanceEnabled(true).build())) {
            assertThat(shared.maintenance.current()).isEmpty();
            assertThat(shared.openedWith.maintenance().enabled()).isTrue();
        }
        assertThat(shared.closed).isTrue();
    }

    @Test
    void aMaintenanceStoreGivenInCodeWinsAndTheSharedStoreIsOpenedOnlyForTheBuckets() {
        TestStore shared = new TestStore();
        InMemoryMaintenanceStore own = new InMemoryMaintenanceStore();
        try (Sluice sluice = Sluice.create(redisConfig(shared).maintenanceStore(own).build())) {
            sluice.admin().maintenanceOn(dev.sluice.maintenance.MaintenanceRequest.parse("{}"), "test");

            assertThat(own.current()).isPresent();
            assertThat(shared.maintenance.current()).isEmpty();
        }
    }

    private static SluiceConfig.Builder redisConfig(TestStore shared) {
        return SluiceConfig.builder().adminToken(TOKEN)
                .maintenanceStore(MaintenanceConfig.StoreType.REDIS)
                .clientLimitStore(ClientLimitConfig.StoreType.REDIS)
                .sharedStore(shared);
    }

    private static AdminRequest adminPost(String body) {
        return new AdminRequest("POST", "/admin/maintenance", "application/json", "Bearer " + TOKEN,
                body.getBytes(StandardCharsets.UTF_8), "192.0.2.1", AdminCaller.ANONYMOUS);
    }

    private static String text(RenderedResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A shared store held in memory, whose link to the "shared state" a test can cut. */
    private static final class TestStore implements SharedStoreProvider, SharedStore {
        final TestMaintenance maintenance = new TestMaintenance();
        final CountingBuckets buckets = new CountingBuckets();
        SluiceConfig openedWith;
        boolean closed;

        @Override
        public String type() {
            return "redis";
        }

        @Override
        public SharedStore open(SluiceConfig config) {
            openedWith = config;
            return this;
        }

        @Override
        public MaintenanceStore maintenanceStore() {
            return maintenance;
        }

        @Override
        public ClientBucketStore clientBucketStore() {
            return buckets;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class TestMaintenance implements MaintenanceStore {
        private final InMemoryMaintenanceStore memory = new InMemoryMaintenanceStore();
        volatile boolean reachable = true;

        @Override
        public Optional<MaintenanceState> current() {
            return memory.current();
        }

        @Override
        public void activate(MaintenanceState state) {
            requireReachable();
            memory.activate(state);
        }

        @Override
        public void deactivate() {
            requireReachable();
            memory.deactivate();
        }

        private void requireReachable() {
            if (!reachable) {
                throw new StoreUnavailableException("connection refused", null);
            }
        }

        @Override
        public StoreStatus status() {
            return new StoreStatus("redis", true, reachable, Instant.parse("2026-01-01T00:00:00Z"), null);
        }

        @Override
        public void onChange(Consumer<Optional<MaintenanceState>> listener) {
            memory.onChange(listener);
        }
    }

    private static final class CountingBuckets implements ClientBucketStore {
        final List<String> spaces = new ArrayList<>();
        int checks;

        @Override
        public ClientBuckets open(BucketSpace space) {
            spaces.add(space.name());
            ClientBuckets local = new LocalClientBucketStore().open(space);
            return new ClientBuckets() {
                @Override
                public boolean tryConsume(Object key) {
                    checks++;
                    return local.tryConsume(key);
                }

                @Override
                public ConsumptionProbe tryConsumeAndReturnRemaining(Object key) {
                    checks++;
                    return local.tryConsumeAndReturnRemaining(key);
                }

                @Override
                public long nanosToWaitForRefill(Object key) {
                    return local.nanosToWaitForRefill(key);
                }

                @Override
                public void refund(Object key) {
                    local.refund(key);
                }

                @Override
                public long size() {
                    return local.size();
                }
            };
        }

        @Override
        public StoreStatus status() {
            return new StoreStatus("redis", true, true, null, null);
        }
    }
}
