package dev.sluice.client.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stock Spring Boot web application (Tomcat) whose {@code GET /flaky?key=k} answers the first request for
 * each key with 503 and {@code Retry-After: 1}, and every later one with 200 {@code hello}: a service that is
 * back a second after it said it would be.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
class FlakyApplication {

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @GetMapping("/flaky")
    ResponseEntity<String> flaky(@RequestParam String key) {
        if (requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
            return ResponseEntity.status(503).header("Retry-After", "1").body("back in a second");
        }
        return ResponseEntity.ok("hello");
    }

    /** Requests the server saw for {@code key}. */
    int requests(String key) {
        AtomicInteger n = requests.get(key);
        return n == null ? 0 : n.get();
    }
}
