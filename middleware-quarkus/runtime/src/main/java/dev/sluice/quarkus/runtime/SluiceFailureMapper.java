package dev.sluice.quarkus.runtime;

import dev.sluice.Rejection;
import dev.sluice.Sluice;
import dev.sluice.internal.http.RenderedResponse;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.Map;
import java.util.Optional;

/**
 * Turns a failure Sluice owns, thrown by a Quarkus REST endpoint, into Sluice's answer (same bytes as
 * every adapter): 502/504 on gateway routes, 503 for a breaker's "call not permitted" or a full bulkhead.
 * When the core says it is not Sluice's (e.g. an upstream exception outside a gateway route), the answer
 * is a plain 500, as for any application failure.
 */
abstract class SluiceFailureMapper<T extends Throwable> implements ExceptionMapper<T> {

    @Inject
    Sluice sluice;

    @Inject
    CurrentVertxRequest current;

    @Override
    public Response toResponse(T failure) {
        RoutingContext ctx = current.getCurrent();
        VertxRequestInfo info = new VertxRequestInfo(ctx);
        Optional<Rejection> rejection = sluice.classify(failure, info);
        if (rejection.isEmpty()) {
            return Response.serverError().build();
        }
        ctx.put(Sluice.RENDERED_ATTRIBUTE, rejection.get());
        Spans.tell(rejection.get());
        RenderedResponse rendered = sluice.renderer().render(rejection.get(), info);
        Response.ResponseBuilder builder = Response.status(rendered.status());
        for (Map.Entry<String, String> h : rendered.headers().entrySet()) {
            if (!h.getKey().equals("Content-Length")) {
                builder.header(h.getKey(), h.getValue());
            }
        }
        return builder.entity(rendered.body()).build();
    }
}
