package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.Ticket;
import org.springframework.core.Ordered;
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
    private final String adminPath;
    private final String dependenciesPrefix;

    SluiceWebFilter(Sluice sluice, String adminPath) {
        this.sluice = sluice;
        this.adminPath = adminPath;
        this.dependenciesPrefix = adminPath.substring(0, adminPath.lastIndexOf('/')) + "/dependencies/";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ExchangeRequestInfo info = new ExchangeRequestInfo(exchange.getRequest());
        Admission admission = sluice.admit(info);
        if (admission instanceof Admission.Admitted admitted) {
            admitted.headers().forEach((k, v) -> exchange.getResponse().getHeaders().set(k, v));
            Ticket ticket = admitted.ticket();
            return chain.filter(exchange).doFinally(signal -> ticket.complete(outcome(signal)));
        }
        String path = info.path();
        if (path.equals(adminPath) || path.startsWith(dependenciesPrefix)) {
            return chain.filter(exchange); // the switch stays reachable
        }
        if (admission instanceof Admission.Rejected rejected) {
            return ReactiveResponses.write(sluice.renderer().render(rejected.rejection(), info), exchange.getResponse());
        }
        return ReactiveResponses.write(((Admission.Answered) admission).response(), exchange.getResponse());
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
