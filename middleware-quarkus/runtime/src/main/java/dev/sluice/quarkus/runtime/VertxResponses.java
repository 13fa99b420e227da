package dev.sluice.quarkus.runtime;

import dev.sluice.http.RenderedResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.Map;

/** Writes a {@link RenderedResponse} to a Vert.x response as it is (same bytes as every adapter). */
final class VertxResponses {

    private VertxResponses() {
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
