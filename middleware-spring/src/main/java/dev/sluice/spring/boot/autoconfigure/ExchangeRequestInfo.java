package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.RequestInfo;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * {@link RequestInfo} over a WebFlux {@link ServerHttpRequest}; reads headers in place. The principal is
 * resolved reactively by the filter (only when a policy keys by it) and handed in.
 */
final class ExchangeRequestInfo implements RequestInfo {

    private final ServerHttpRequest request;
    private final String principal;

    ExchangeRequestInfo(ServerHttpRequest request) {
        this(request, null);
    }

    ExchangeRequestInfo(ServerHttpRequest request, String principal) {
        this.request = request;
        this.principal = principal;
    }

    @Override
    public String principal() {
        return principal;
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
