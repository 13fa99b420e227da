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

    private final Sluice sluice;
    private final boolean needsPrincipal;

    SluiceWebFilter(Sluice sluice) {
        this.sluice = sluice;
        this.needsPrincipal = SluiceServletAutoConfiguration.keysByPrincipal(sluice);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!needsPrincipal) {
            return admit(exchange, chain, new ExchangeRequestInfo(exchange.getRequest()));
        }
        return exchange.getPrincipal().map(p -> new ExchangeRequestInfo(exchange.getRequest(), p.getName()))
                .defaultIfEmpty(new ExchangeRequestInfo(exchange.getRequest()))
                .flatMap(info -> admit(exchange, chain, info));
    }

    private Mono<Void> admit(ServerWebExchange exchange, WebFilterChain chain, ExchangeRequestInfo info) {
        Admission admission = sluice.admit(info);
        if (admission instanceof Admission.Admitted admitted) {
            admitted.headers().forEach((k, v) -> exchange.getResponse().getHeaders().set(k, v));
            Ticket ticket = admitted.ticket();
            exchange.getResponse().beforeCommit(() -> {
                audit(exchange, info);
                return Mono.empty();
            });
            return chain.filter(exchange).doFinally(signal -> ticket.complete(outcome(signal, exchange)));
        }
        if (admission instanceof Admission.Rejected rejected) {
            exchange.getAttributes().put(Sluice.RENDERED_ATTRIBUTE, rejected.rejection());
            return ReactiveResponses.write(sluice.renderer().render(rejected.rejection(), info), exchange.getResponse());
        }
        return ReactiveResponses.write(((Admission.Answered) admission).response(), exchange.getResponse());
    }

    /** Reports the application's status to the core's audit and writes the Retry-After it says to add, if any. */
    private void audit(ServerWebExchange exchange, ExchangeRequestInfo info) {
        if (exchange.getAttribute(Sluice.RENDERED_ATTRIBUTE) != null) {
            return;
        }
        HttpHeaders headers = exchange.getResponse().getHeaders();
        String fill = sluice.audit().answered(info, status(exchange), headers.containsHeader(HttpHeaders.RETRY_AFTER));
        if (fill != null) {
            headers.set(HttpHeaders.RETRY_AFTER, fill);
        }
    }

    private static int status(ServerWebExchange exchange) {
        HttpStatusCode code = exchange.getResponse().getStatusCode();
        return code == null ? 200 : code.value();
    }

    static Ticket.Outcome outcome(SignalType signal, ServerWebExchange exchange) {
        return switch (signal) {
            case ON_COMPLETE -> Ticket.Outcome.answered(status(exchange));
            case ON_ERROR -> Ticket.Outcome.FAILURE;
            default -> Ticket.Outcome.CANCELLED;
        };
    }

    @Override
    public int getOrder() {
        return SluiceServletAutoConfiguration.filterOrder(sluice);
    }
}
