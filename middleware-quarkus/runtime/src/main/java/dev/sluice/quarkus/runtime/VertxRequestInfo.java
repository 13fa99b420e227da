package dev.sluice.quarkus.runtime;

import dev.sluice.RequestInfo;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.util.List;

/** {@link RequestInfo} over a Vert.x {@link HttpServerRequest}; reads headers in place. */
final class VertxRequestInfo implements RequestInfo {

    private final HttpServerRequest request;

    VertxRequestInfo(HttpServerRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        String p = request.path();
        return p == null || p.isEmpty() ? "/" : p;
    }

    @Override
    public String header(String name) {
        List<String> values = request.headers().getAll(name);
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    @Override
    public String remoteAddress() {
        SocketAddress remote = request.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    @Override
    public boolean secure() {
        return request.isSSL();
    }
}
