package dev.sluice.quarkus.runtime;

import dev.sluice.RequestInfo;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.net.SocketAddress;

import java.util.List;

/**
 * {@link RequestInfo} over a Vert.x request; reads headers in place. The principal is the one Quarkus
 * security authenticated for the routing context, when it did so before Sluice's filter.
 */
final class VertxRequestInfo implements RequestInfo {

    private final RoutingContext ctx;
    private final HttpServerRequest request;

    VertxRequestInfo(RoutingContext ctx) {
        this.ctx = ctx;
        this.request = ctx.request();
    }

    @Override
    public String principal() {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            return user.getSecurityIdentity().getPrincipal().getName();
        }
        return null;
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
