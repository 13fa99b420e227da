package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.SluiceConfig;
import dev.sluice.redis.RedisStoreProvider;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis store on the application's own Redis: when a store property says {@code redis}, {@code sluice.redis.uri}
 * is not set, and the application has Spring Data Redis on Lettuce, Sluice uses its {@code RedisClient} (threads and
 * options) and connects it where {@code spring.data.redis.*} (or a service connection) says. A Redis Sentinel or
 * Cluster is not supported by the store: then {@code sluice.redis.uri} must name a standalone Redis.
 */
final class ApplicationRedis {

    private static final System.Logger LOG = System.getLogger(ApplicationRedis.class.getName());

    private ApplicationRedis() {
    }

    static void use(SluiceConfig.Builder builder, Environment environment, ObjectProvider<LettuceConnectionFactory> factories,
                    ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
        if (environment.containsProperty("sluice.redis.uri") || !redisStoreWanted(environment)) {
            return;
        }
        LettuceConnectionFactory factory = factories.getIfUnique();
        DataRedisConnectionDetails details = connectionDetails.getIfUnique();
        if (factory == null || details == null) {
            return; // no Spring Data Redis here: the store makes its own client from sluice.redis.*
        }
        DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
        if (standalone == null || details.getSentinel() != null || details.getCluster() != null) {
            LOG.log(System.Logger.Level.WARNING, "The application's Redis is not a standalone Redis; Sluice's Redis store connects "
                    + "where sluice.redis.uri says (default redis://127.0.0.1:6379)");
            return;
        }
        RedisURI.Builder uri = RedisURI.builder().withHost(standalone.getHost()).withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase()).withSsl(details.getSslBundle() != null);
        if (details.getPassword() != null) {
            uri = details.getUsername() != null
                    ? uri.withAuthentication(details.getUsername(), details.getPassword().toCharArray())
                    : uri.withPassword(details.getPassword().toCharArray());
        }
        Object client;
        try {
            client = factory.getNativeClient();
        } catch (IllegalStateException notStarted) {
            client = null;
        }
        if (client instanceof RedisClient redisClient) {
            builder.sharedStore(new RedisStoreProvider(redisClient, uri.build()));
        }
    }

    private static boolean redisStoreWanted(Environment environment) {
        return "redis".equalsIgnoreCase(environment.getProperty("sluice.maintenance.store", "").strip())
                || "redis".equalsIgnoreCase(environment.getProperty("sluice.client-limits.store", "").strip());
    }
}
