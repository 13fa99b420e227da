package dev.sluice.spring.boot.webflux;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.failure.UpstreamTimeoutException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/** The demo API of CONTRACT §8 on Spring WebFlux, for running the contract kit on the reactive stack. */
@SpringBootApplication
public class WebFluxDemoApp {

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(10).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30)).permittedNumberOfCallsInHalfOpenState(1).build());
    }

    @RestController
    static class Demo {
        private static final JsonFactory JSON = new JsonFactory();
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        private final CircuitBreaker payments;
        private final WebServerApplicationContext context;
        private volatile boolean paymentsHealthy = true;

        Demo(CircuitBreakerRegistry registry, WebServerApplicationContext context) {
            this.payments = registry.circuitBreaker("payments");
            this.context = context;
        }

        @GetMapping(value = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
        String hello() {
            return "hello";
        }

        @GetMapping(value = "/work", produces = MediaType.TEXT_PLAIN_VALUE)
        Mono<String> work(@RequestParam(defaultValue = "0") long ms) {
            return Mono.delay(Duration.ofMillis(ms)).thenReturn("worked " + ms + " ms");
        }

        @GetMapping(value = "/cpu", produces = MediaType.TEXT_PLAIN_VALUE)
        Mono<String> cpu(@RequestParam(defaultValue = "0") long ms) {
            return Mono.fromCallable(() -> {
                long end = System.nanoTime() + ms * 1_000_000;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return "burned " + ms + " ms";
            }).subscribeOn(Schedulers.boundedElastic());
        }

        /** Not part of the demo API: the app answering 503 itself, for the status audit. */
        @GetMapping("/app-busy")
        Mono<ResponseEntity<String>> appBusy() {
            return Mono.just(ResponseEntity.status(503).body("busy"));
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("boom: an application bug, which must end as 500");
        }

        @GetMapping(value = "/quota", produces = MediaType.TEXT_PLAIN_VALUE)
        String quota() {
            return "quota ok";
        }

        @GetMapping("/payments")
        String payments() {
            return payments.executeSupplier(() -> {
                if (!paymentsHealthy) {
                    throw new IllegalStateException("payments service failed");
                }
                return "payment accepted";
            });
        }

        @PostMapping(value = "/demo/dependencies/payments", produces = MediaType.TEXT_PLAIN_VALUE)
        String paymentsHealth(@RequestParam boolean healthy) {
            paymentsHealthy = healthy;
            return "payments healthy=" + healthy;
        }

        @GetMapping("/demo/upstream/{what}")
        Mono<ResponseEntity<String>> upstream(@PathVariable String what) {
            return switch (what) {
                case "ok" -> Mono.just(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"status\":\"ok\"}"));
                case "garbage" -> Mono.just(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("<<< this is not JSON >>>"));
                case "slow" -> Mono.delay(Duration.ofSeconds(3)).thenReturn(ResponseEntity.ok().body("{\"status\":\"late\"}"));
                default -> Mono.just(ResponseEntity.notFound().build());
            };
        }

        @GetMapping(value = "/proxy", produces = MediaType.APPLICATION_JSON_VALUE)
        Mono<String> proxy(@RequestParam String to) {
            URI uri = URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/demo/upstream/" + to);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build();
            return Mono.fromFuture(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                    .onErrorMap(e -> e instanceof HttpTimeoutException || e.getCause() instanceof HttpTimeoutException,
                            e -> new UpstreamTimeoutException("upstream " + to + " did not answer within 1s", e))
                    .map(r -> "{\"upstream\":\"" + status(r.body()) + "\"}");
        }

        private static String status(String body) {
            try (JsonParser p = JSON.createParser(body)) {
                if (p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
                        && "status".equals(p.currentName()) && p.nextToken() == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
            } catch (IOException | CompletionException e) {
                throw new UpstreamResponseException("upstream answered with unreadable JSON", e);
            }
            throw new UpstreamResponseException("upstream answer has no status");
        }
    }
}
