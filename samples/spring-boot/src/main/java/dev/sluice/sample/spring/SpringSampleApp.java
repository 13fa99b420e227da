package dev.sluice.sample.spring;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * A Spring Boot 4 MVC app serving the demo API of CONTRACT §8. Sluice comes with the starter and the
 * {@code sluice.*} lines of application.properties; nothing is wired by hand.
 */
@SpringBootApplication
public class SpringSampleApp {

    public static void main(String[] args) {
        SpringApplication.run(SpringSampleApp.class, args);
    }

    /** The breaker "payments": opens after at most 10 consecutive failures, stays open 30 s. */
    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(10).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30)).permittedNumberOfCallsInHalfOpenState(1).build());
    }
}
