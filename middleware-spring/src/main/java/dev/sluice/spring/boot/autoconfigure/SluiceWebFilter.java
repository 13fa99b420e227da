package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.Ticket;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Sluice on WebFlux: asks the core before the handler runs, writes Sluice's answer when the request is
 * refused, and completes an admitted request's ticket exactly once, whether the exchange completes,
 * fails or is cancelled (the client went away). Runs before Spring Security's chain, like the Servlet filter.
 */
final class SluiceWebFilter implements WebFilter, Ordered {

    /** Exchange attribute set when Sluice wrote its own answer, so the status audit does not count it as the app's. */
    static final String RENDERED_ATTRIBUTE = "dev.sluice.rendered";

    private final Sluice sluice;

    SluiceWebFilter(Sluice sluice) {
        this.sluice = sluice;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ExchangeRequestInfo info = new ExchangeRequestInfo(exchange.getRequest());
        Admission admission = sluice.admit(info);
        if (admission instanceof Admission.Admitted admitted) {
            admitted.headers().forEach((k, v) -> exchange.getResponse().getHeaders().set(k, v));
            Ticket ticket = admitted.ticket();
            exchange.getResponse().beforeCommit(() -> {
                audit(exchange, info);
                return Mono.empty();
            });
            return chain.filter(exchange).doFinally(signal -> ticket.complete(outcome(signal)));
        }
        if (admission instanceof Admission.Rejected rejected) {
            return ReactiveResponses.write(sluice.renderer().render(rejected.rejection(), info), exchange.getResponse());
        }
        return ReactiveResponses.write(((Admission.Answered) admission).response(), exchange.getResponse());
    }

    /** Reports the application's status to the core's audit, filling in a missing Retry-After if configured. */
    private void audit(ServerWebExchange exchange, ExchangeRequestInfo info) {
        if (exchange.getAttribute(RENDERED_ATTRIBUTE) != null) {
            return;
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        HttpStatusCode code = exchange.getResponse().getStatusCode();
        int status = code == null ? 200 : code.value();
        boolean hadRetryAfter = headers.containsHeader(HttpHeaders.RETRY_AFTER);
        String fill = sluice.audit().missingRetryAfter(status, hadRetryAfter);
        if (fill != null) {
            headers.set(HttpHeaders.RETRY_AFTER, fill);
        }
        sluice.audit().record(info, status, hadRetryAfter);
    }

    static Ticket.Outcome outcome(SignalType signal) {
        return switch (signal) {
            case ON_COMPLETE -> Ticket.Outcome.SUCCESS;
            case ON_ERROR -> Ticket.Outcome.FAILURE;
            default -> Ticket.Outcome.CANCELLED;
        };
    }

    @Override
    public int getOrder() {
        return SluiceServletAutoConfiguration.FILTER_ORDER;
    }
}
