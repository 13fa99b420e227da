package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.internal.admin.AdminCaller;
import dev.sluice.internal.admin.AdminHttpHandler;
import dev.sluice.internal.admin.AdminRequest;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.security.Principal;

/**
 * Serves the admin resources on WebFlux through the core's one admin handler. It runs after Spring
 * Security's web filter chain, so a signed-in user with {@code sluice.admin.role} (a {@code ROLE_} authority)
 * is let in; everyone else needs the bearer token.
 */
final class SluiceAdminWebFilter implements WebFilter, Ordered {

    private static final boolean SPRING_SECURITY = ClassUtils.isPresent(
            "org.springframework.security.core.Authentication", SluiceAdminWebFilter.class.getClassLoader());

    private final Sluice sluice;

    SluiceAdminWebFilter(Sluice sluice) {
        this.sluice = sluice;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!sluice.adminHttp().isAdminPath(path)) {
            return chain.filter(exchange);
        }
        String method = request.getMethod().name();
        Mono<byte[]> body = "POST".equals(method) || "PUT".equals(method) ? bodyOf(request.getBody()) : Mono.just(new byte[0]);
        Mono<AdminCaller> caller = exchange.getPrincipal().map(SluiceAdminWebFilter::caller).defaultIfEmpty(AdminCaller.ANONYMOUS);
        return Mono.zip(body, caller).flatMap(t -> ReactiveResponses.write(sluice.adminHttp().handle(new AdminRequest(method, path,
                request.getHeaders().getFirst("Content-Type"), request.getHeaders().getFirst("Authorization"), t.getT1(),
                new ExchangeRequestInfo(request).remoteAddress(), t.getT2())), exchange.getResponse()));
    }

    /** At most the cap plus one byte, so the core can tell a body that is too large; the rest is dropped. */
    private static Mono<byte[]> bodyOf(Flux<DataBuffer> buffers) {
        int limit = AdminHttpHandler.MAX_BODY_BYTES + 1;
        return DataBufferUtils.takeUntilByteCount(buffers, limit).collectList().map(list -> {
            int size = list.stream().mapToInt(DataBuffer::readableByteCount).sum();
            byte[] out = new byte[Math.min(size, limit)];
            int at = 0;
            for (DataBuffer b : list) {
                int n = Math.min(b.readableByteCount(), out.length - at);
                b.read(out, at, n);
                at += n;
                DataBufferUtils.release(b);
            }
            return out;
        });
    }

    private static AdminCaller caller(Principal principal) {
        if (SPRING_SECURITY) {
            AdminCaller fromSecurity = SpringSecurityCallers.of(principal);
            if (fromSecurity != null) {
                return fromSecurity;
            }
        }
        return AdminCaller.of(principal.getName(), role -> false);
    }

    @Override
    public int getOrder() {
        return SluiceServletAutoConfiguration.ADMIN_FILTER_ORDER;
    }

    /** Spring Security's authorities, referenced only when Spring Security is on the class path. */
    private static final class SpringSecurityCallers {
        static AdminCaller of(Principal principal) {
            if (!(principal instanceof org.springframework.security.core.Authentication authentication) || !authentication.isAuthenticated()) {
                return null;
            }
            return AdminCaller.of(authentication.getName(), role -> authentication.getAuthorities().stream()
                    .anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority())));
        }
    }
}
