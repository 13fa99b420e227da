package dev.sluice.quarkus.runtime;

import dev.sluice.internal.http.RenderedResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.Map;

/** Writes a {@link RenderedResponse} to a Vert.x response as it is (same bytes as every adapter). */
final class VertxResponses {

    private VertxResponses() {
    }

    /**
     * Closes an HTTP/1.1 connection once its response has ended when Sluice says {@code Connection: close} (a draining
     * instance): Vert.x sends the header but would keep the connection open for the client's next request.
     */
    static void closeConnectionAfterEnd(io.vertx.ext.web.RoutingContext ctx, java.util.Map<String, String> headers) {
        if ("close".equalsIgnoreCase(headers.get("Connection")) && ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            ctx.addEndHandler(done -> ctx.request().connection().close());
        }
    }

    static void write(RenderedResponse rendered, HttpServerResponse response) {
        response.setStatusCode(rendered.status());
        for (Map.Entry<String, String> h : rendered.headers().entrySet()) {
            response.putHeader(h.getKey(), h.getValue());
        }
        if (rendered.body().length == 0) {
            response.end();
        } else {
            response.end(Buffer.buffer(rendered.body()));
        }
    }
}
