package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Rejection;
import dev.sluice.Sluice;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Answers the failures Sluice owns on WebFlux (502/504 on gateway routes, a breaker's "call not
 * permitted", a full bulkhead), ordered before Spring Boot's error handler (-1); anything else goes on to
 * it and ends as 500.
 */
final class SluiceWebExceptionHandler implements WebExceptionHandler, Ordered {

    private final Sluice sluice;

    SluiceWebExceptionHandler(Sluice sluice) {
        this.sluice = sluice;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ExchangeRequestInfo info = new ExchangeRequestInfo(exchange.getRequest());
        Optional<Rejection> rejection = sluice.classify(ex, info);
        if (rejection.isEmpty()) {
            return Mono.error(ex);
        }
        exchange.getAttributes().put(Sluice.RENDERED_ATTRIBUTE, rejection.get());
        return ReactiveResponses.write(sluice.renderer().render(rejection.get(), info), exchange.getResponse());
    }

    @Override
    public int getOrder() {
        return -2;
    }
}
