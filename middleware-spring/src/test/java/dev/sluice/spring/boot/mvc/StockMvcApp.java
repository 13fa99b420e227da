package dev.sluice.spring.boot.mvc;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An ordinary Spring Boot MVC app with a controller or two and actuator, as users have them. */
@SpringBootApplication
public class StockMvcApp {

    @RestController
    static class Greetings {
        @GetMapping("/greeting")
        String greeting() {
            return "hi";
        }

        @PostMapping("/echo")
        String echo(@RequestBody String body) {
            return body;
        }

        @GetMapping("/fail")
        String fail() {
            throw new IllegalStateException("an application bug");
        }

        @GetMapping("/busy")
        org.springframework.http.ResponseEntity<String> busy() {
            return org.springframework.http.ResponseEntity.status(503).body("busy");
        }

        @GetMapping("/gateway/upstream")
        String upstream() {
            throw new dev.sluice.failure.UpstreamResponseException("garbage from upstream");
        }
    }
}
