package dev.sluice.spring.boot.webflux;

import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import dev.sluice.contract.SluiceContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/** The contract kit against a real Spring WebFlux app (Reactor Netty) on a random loopback port. */
@SpringBootTest(classes = WebFluxDemoApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.main.web-application-type=reactive",
                // Spring Security is on this module's test class path for the admin security tests; not here.
                "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
                        + "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
                "server.address=127.0.0.1",
                "management.endpoint.health.probes.enabled=true",
                "sluice.client-limits.policies.quota.routes=/quota",
                "sluice.client-limits.policies.quota.limits=5/10s",
                "sluice.client-limits.policies.quota.key=api-key-or-ip",
                "sluice.dependencies.payments.routes=/payments/**",
                "sluice.gateway.routes=/proxy",
                "sluice.exempt-paths=/demo/dependencies/**",
                "sluice.shedding.enabled=true",
                "sluice.shedding.limit.max=16",
                "sluice.shedding.critical.routes=/hello"})
class WebFluxContractTest implements SluiceContract {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void contractSettings(DynamicPropertyRegistry registry) {
        ContractSettings.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.sluice.Sluice sluice;

    @org.junit.jupiter.api.Test
    void theAppsOwn503WithoutRetryAfterIsAuditedAndSluicesGatewayAnswerIsNot() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long before = sluice.audit().findings().get(dev.sluice.failure.StatusAudit.Finding.UNAVAILABLE_WITHOUT_RETRY_AFTER);
        assertStatus(http, "/app-busy", 503);
        assertStatus(http, "/proxy?to=garbage", 502);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                org.assertj.core.api.Assertions.assertThat(sluice.audit().findings())
                        .containsEntry(dev.sluice.failure.StatusAudit.Finding.UNAVAILABLE_WITHOUT_RETRY_AFTER, before + 1)
                        .containsEntry(dev.sluice.failure.StatusAudit.Finding.GATEWAY_STATUS_OUTSIDE_GATEWAY_ROUTE, 0L));
    }

    private void assertStatus(java.net.http.HttpClient http, String path, int status) throws Exception {
        int actual = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        org.assertj.core.api.Assertions.assertThat(actual).as(path).isEqualTo(status);
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.springBoot(port);
    }
}
