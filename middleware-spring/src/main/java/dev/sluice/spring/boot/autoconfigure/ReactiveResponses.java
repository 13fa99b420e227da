package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.internal.http.RenderedResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Writes a {@link RenderedResponse} to a WebFlux response as it is. */
final class ReactiveResponses {

    private ReactiveResponses() {
    }

    static Mono<Void> write(RenderedResponse rendered, ServerHttpResponse response) {
        response.setStatusCode(HttpStatusCode.valueOf(rendered.status()));
        for (Map.Entry<String, String> h : rendered.headers().entrySet()) {
            response.getHeaders().set(h.getKey(), h.getValue());
        }
        if (rendered.body().length == 0) {
            return response.setComplete();
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(rendered.body())));
    }
}
