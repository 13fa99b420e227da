package dev.sluice.quarkus.deployment;

import dev.sluice.contract.RedisServer;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * CONTRACT §10 on Quarkus: with the Redis store (on the class path, chosen by the properties alone) readiness tells
 * the admin role whether the instance has reached Redis, and stays UP either way.
 */
class RedisStoreReadinessTest {

    /**
     * QuarkusUnitTest loads this class twice (JUnit's class loader configures the app, Quarkus's runs the tests), so
     * the one redis-server is kept where both loaders see it: in the system properties, as an {@code AutoCloseable}.
     */
    private static final String SERVER = RedisStoreReadinessTest.class.getName() + ".server";
    private static final String PID = RedisStoreReadinessTest.class.getName() + ".pid";
    private static final String URI = redisUri();

    private static synchronized String redisUri() {
        if (System.getProperties().get(SERVER) == null) {
            RedisServer redis = RedisServer.start();
            System.getProperties().put(SERVER, redis);
            System.setProperty(PID, Long.toString(redis.pid()));
            System.setProperty(SERVER + ".uri", redis.uri().toString());
        }
        return System.getProperty(SERVER + ".uri");
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DemoResource.class))
            .overrideConfigKey("quarkus.http.auth.basic", "true")
            .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
            .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
            .overrideConfigKey("quarkus.security.users.embedded.users.ops", "ops-password")
            .overrideConfigKey("quarkus.security.users.embedded.roles.ops", "SLUICE_ADMIN")
            .overrideConfigKey("sluice.maintenance.store", "redis")
            .overrideConfigKey("sluice.client-limits.store", "redis")
            .overrideConfigKey("sluice.redis.uri", URI)
            .overrideConfigKey("sluice.redis.namespace", "quarkus-readiness");

    @AfterAll
    static void stopRedis() throws Exception {
        Object server = System.getProperties().remove(SERVER);
        if (server instanceof AutoCloseable redis) {
            redis.close();
        }
    }

    @Test
    void readinessShowsTheStoreToTheAdminRoleAndStaysUpWhenRedisIsGone() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                RestAssured.given().auth().preemptive().basic("ops", "ops-password").get("/q/health/ready").then().statusCode(200)
                        .body(containsString("\"store.type\": \"redis\""), containsString("\"store.connected\": true"),
                                containsString("\"clientLimitStore.connected\": true")));
        RestAssured.get("/q/health/ready").then().statusCode(200).body(not(containsString("store.")));

        ProcessHandle.of(Long.parseLong(System.getProperty(PID))).ifPresent(ProcessHandle::destroyForcibly); // kill -9
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                RestAssured.given().auth().preemptive().basic("ops", "ops-password").get("/q/health/ready").then().statusCode(200)
                        .body(containsString("\"store.connected\": false")));
        RestAssured.get("/hello").then().statusCode(200);
    }
}
