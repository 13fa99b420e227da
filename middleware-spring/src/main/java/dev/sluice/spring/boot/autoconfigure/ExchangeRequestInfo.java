package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.RequestInfo;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.List;

/** {@link RequestInfo} over a WebFlux {@link ServerHttpRequest}; reads headers in place. */
final class ExchangeRequestInfo implements RequestInfo {

    private final ServerHttpRequest request;

    ExchangeRequestInfo(ServerHttpRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod().name();
    }

    @Override
    public String path() {
        return request.getPath().pathWithinApplication().value();
    }

    @Override
    public String header(String name) {
        List<String> values = request.getHeaders().get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(", ", values);
    }

    @Override
    public String remoteAddress() {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    @Override
    public boolean secure() {
        return request.getSslInfo() != null;
    }
}
