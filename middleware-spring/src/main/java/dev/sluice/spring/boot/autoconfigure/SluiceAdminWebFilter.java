package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.http.RenderedResponse;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * Serves the admin resources on WebFlux with the same bytes as every adapter (CONTRACT §7–§8), secured
 * by the bearer token {@code sluice.admin.token}.
 */
final class SluiceAdminWebFilter implements WebFilter, Ordered {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Sluice sluice;
    private final String maintenancePath;
    private final String dependenciesPrefix;

    SluiceAdminWebFilter(Sluice sluice, String maintenancePath) {
        this.sluice = sluice;
        this.maintenancePath = maintenancePath;
        this.dependenciesPrefix = maintenancePath.substring(0, maintenancePath.lastIndexOf('/')) + "/dependencies/";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean maintenance = path.equals(maintenancePath);
        String dependency = path.startsWith(dependenciesPrefix) ? path.substring(dependenciesPrefix.length()) : null;
        if (!maintenance && (dependency == null || dependency.isEmpty() || dependency.contains("/"))) {
            return chain.filter(exchange);
        }
        String method = exchange.getRequest().getMethod().name();
        String auth = exchange.getRequest().getHeaders().getFirst("Authorization");
        String peer = new ExchangeRequestInfo(exchange.getRequest()).remoteAddress();
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES)
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .defaultIfEmpty("")
                .flatMap(body -> {
                    RenderedResponse answer = maintenance ? sluice.adminHttp().handle(method, path, auth, body, peer)
                            : sluice.adminHttp().handleDependency(method, path, dependency, auth, body, peer);
                    return ReactiveResponses.write(answer, exchange.getResponse());
                });
    }

    @Override
    public int getOrder() {
        return SluiceServletAutoConfiguration.ADMIN_FILTER_ORDER;
    }
}
