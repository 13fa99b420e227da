package dev.sluice.sample.spring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.failure.UpstreamTimeoutException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The demo API of CONTRACT §8 that every sample serves, so one black-box suite drives them all. */
@RestController
class DemoController {

    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(1);
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(UPSTREAM_TIMEOUT).build();
    private final CircuitBreaker payments;
    private final WebServerApplicationContext context;
    private volatile boolean paymentsHealthy = true;

    DemoController(CircuitBreakerRegistry breakers, WebServerApplicationContext context) {
        this.payments = breakers.circuitBreaker("payments");
        this.context = context;
    }

    @GetMapping(value = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
    String hello() {
        return "hello";
    }

    @GetMapping(value = "/work", produces = MediaType.TEXT_PLAIN_VALUE)
    String work(@RequestParam(defaultValue = "0") long ms) throws InterruptedException {
        Thread.sleep(Math.min(ms, 60_000));
        return "worked " + ms + " ms";
    }

    @GetMapping(value = "/cpu", produces = MediaType.TEXT_PLAIN_VALUE)
    String cpu(@RequestParam(defaultValue = "0") long ms) {
        long end = System.nanoTime() + Math.min(ms, 60_000) * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        return "burned " + ms + " ms";
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
    ResponseEntity<String> upstream(@PathVariable String what) throws InterruptedException {
        return switch (what) {
            case "ok" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"status\":\"ok\"}");
            case "garbage" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("<<< this is not JSON >>>");
            case "slow" -> {
                Thread.sleep(3000);
                yield ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"status\":\"late\"}");
            }
            default -> ResponseEntity.notFound().build();
        };
    }

    /** Acts as a gateway to this app's own /demo/upstream/{to}: bad answer → 502, too late → 504. */
    @GetMapping(value = "/proxy", produces = MediaType.APPLICATION_JSON_VALUE)
    String proxy(@RequestParam String to) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/demo/upstream/" + to);
        HttpResponse<String> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(uri).timeout(UPSTREAM_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new UpstreamTimeoutException("upstream " + to + " did not answer within " + UPSTREAM_TIMEOUT, e);
        }
        try (JsonParser p = JSON.createParser(answer.body())) {
            if (p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
                    && "status".equals(p.currentName()) && p.nextToken() == JsonToken.VALUE_STRING) {
                return "{\"upstream\":\"" + p.getText() + "\"}";
            }
        } catch (IOException e) {
            throw new UpstreamResponseException("upstream answered with unreadable JSON", e);
        }
        throw new UpstreamResponseException("upstream answer has no status");
    }
}
