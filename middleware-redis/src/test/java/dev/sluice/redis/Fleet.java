package dev.sluice.redis;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.clientlimit.ClientLimitConfig;
import dev.sluice.maintenance.MaintenanceConfig;
import dev.sluice.maintenance.MaintenanceRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Instances of one service in one JVM: each its own {@link Sluice} with its own Redis store (own client and
 * connections, own state file), as two application instances are at the core's level.
 */
final class Fleet implements AutoCloseable {

    final String namespace = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path dir;
    private final List<Sluice> instances = new ArrayList<>();

    Fleet() {
        try {
            dir = Files.createTempDirectory("sluice-fleet-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both stores on Redis at {@code redis}, a 5 per 10 s quota on {@code /quota}, the state file named {@code name}. */
    SluiceConfig.Builder config(URI redis, String name) {
        return SluiceConfig.builder()
                .maintenanceStore(MaintenanceConfig.StoreType.REDIS)
                .clientLimitStore(ClientLimitConfig.StoreType.REDIS)
                .sharedStore(new RedisStoreProvider())
                .redisUri(redis)
                .redisNamespace(namespace)
                .redisStateFile(stateFile(name))
                .clientLimit("quota", List.of("/quota"), List.of(), "5/10s", null, null, null);
    }

    Path stateFile(String name) {
        return dir.resolve(name + ".json");
    }

    Sluice start(SluiceConfig.Builder config) {
        Sluice s = Sluice.create(config.build());
        instances.add(s);
        return s;
    }

    static boolean inMaintenance(Sluice s) {
        return s.admit(Get.of("/orders")) instanceof Admission.Rejected;
    }

    static void switchOn(Sluice s) {
        s.admin().maintenanceOn(MaintenanceRequest.parse("{\"message\":\"upgrade\"}"), "test");
    }

    static void switchOff(Sluice s) {
        s.admin().maintenanceOff("test");
    }

    /** Nanoseconds until {@code condition} holds, checked every 20 µs; -1 after {@code timeoutMillis}. */
    static long nanosUntil(BooleanSupplier condition, long timeoutMillis) {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return -1;
            }
            LockSupport.parkNanos(20_000); // leaves the CPU to the instances (the build machines have two cores)
        }
        return System.nanoTime() - start;
    }

    @Override
    public void close() {
        instances.forEach(Sluice::close);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
