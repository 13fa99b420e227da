package dev.sluice.quarkus.runtime;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.Ticket;
import dev.sluice.http.RenderedResponse;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.ManagementInterface;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sluice on Quarkus: a Vert.x route filter that runs the core for every HTTP route (Quarkus REST, plain
 * Vert.x routes, static resources) and completes an admitted request's ticket exactly once when the
 * response ends or the connection closes; and the admin resources under the non-application root
 * ({@code /q/maintenance}, {@code /q/dependencies/{name}}) — on the management interface when it is
 * enabled — open to users with the admin role, else to the bearer token.
 */
@Singleton
public class SluiceRoutes {

    /** Runs before Quarkus's own filters (CORS at 100), so a refused request costs nothing else. */
    static final int FILTER_PRIORITY = 1000;
    private static final int MAX_BODY_BYTES = 64 * 1024;

    void filter(@Observes Filters filters, Sluice sluice) {
        String root = SluiceProducer.nonApplicationRoot();
        String admin = root + "/maintenance";
        String dependencies = root + "/dependencies/";
        filters.register(ctx -> admit(sluice, ctx, admin, dependencies), FILTER_PRIORITY);
    }

    private static void admit(Sluice sluice, RoutingContext ctx, String admin, String dependencies) {
        HttpServerRequest request = ctx.request();
        VertxRequestInfo info = new VertxRequestInfo(request);
        Admission admission = sluice.admit(info);
        if (admission instanceof Admission.Admitted admitted) {
            admitted.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
            Ticket ticket = admitted.ticket();
            ctx.addHeadersEndHandler(v -> audit(sluice, ctx, info));
            if (ticket != Ticket.NONE) {
                ctx.addEndHandler(done -> ticket.complete(done.succeeded() ? Ticket.Outcome.SUCCESS : Ticket.Outcome.CANCELLED));
            }
            ctx.next();
            return;
        }
        String path = info.path();
        if (path.equals(admin) || path.startsWith(dependencies)) {
            ctx.next(); // the switch stays reachable
            return;
        }
        RenderedResponse answer = admission instanceof Admission.Rejected rejected
                ? sluice.renderer().render(rejected.rejection(), info)
                : ((Admission.Answered) admission).response();
        VertxResponses.write(answer, ctx.response());
    }

    /** Context key set when Sluice wrote its own answer, so the status audit does not count it as the app's. */
    static final String RENDERED = "dev.sluice.rendered";

    /** Reports the application's status to the core's audit, filling in a missing Retry-After if configured. */
    private static void audit(Sluice sluice, RoutingContext ctx, VertxRequestInfo info) {
        if (ctx.get(RENDERED) != null) {
            return;
        }
        int status = ctx.response().getStatusCode();
        boolean hadRetryAfter = ctx.response().headers().contains("Retry-After");
        String fill = sluice.audit().missingRetryAfter(status, hadRetryAfter);
        if (fill != null) {
            ctx.response().putHeader("Retry-After", fill);
        }
        sluice.audit().record(info, status, hadRetryAfter);
    }

    /** The admin on the main HTTP port, under the non-application root, unless the management interface is enabled. */
    void adminRoutes(@Observes Router router, Sluice sluice, SluiceConfigMapping config) {
        if (!ConfigProvider.getConfig().getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false)) {
            register(router, SluiceProducer.nonApplicationRoot(), sluice, config.admin().role());
        }
    }

    /** The admin on the management interface when it is enabled ({@code quarkus.management.enabled=true}). */
    void managementAdminRoutes(@Observes ManagementInterface management, Sluice sluice, SluiceConfigMapping config) {
        String root = ConfigProvider.getConfig().getOptionalValue("quarkus.management.root-path", String.class).orElse("q");
        String absolute = (root.startsWith("/") ? root : "/" + root).replaceAll("/+$", "");
        register(management.router(), absolute, sluice, config.admin().role());
    }

    private static void register(Router router, String root, Sluice sluice, String role) {
        String maintenance = root + "/maintenance";
        router.route(maintenance).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .blockingHandler(ctx -> VertxResponses.write(admin(ctx, sluice, role, maintenance, null), ctx.response()));
        router.route(root + "/dependencies/:name").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .blockingHandler(ctx -> VertxResponses.write(admin(ctx, sluice, role, ctx.request().path(), ctx.pathParam("name")),
                        ctx.response()));
    }

    /**
     * A signed-in user (Quarkus security) with the admin role is let in; a signed-in user without it and
     * without the bearer token gets 403; everyone else is judged by the bearer token.
     */
    private static RenderedResponse admin(RoutingContext ctx, Sluice sluice, String role, String path, String dependency) {
        String method = ctx.request().method().name();
        String authorization = ctx.request().getHeader("Authorization");
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity != null && !identity.isAnonymous()) {
            String actor = "user " + identity.getPrincipal().getName() + " from " + peer(ctx);
            if (identity.hasRole(role)) {
                return dependency == null ? sluice.adminHttp().serveMaintenance(method, path, body(ctx), actor)
                        : sluice.adminHttp().serveDependency(method, path, dependency, body(ctx), actor);
            }
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return sluice.renderer().problem(403, "forbidden", "This endpoint needs the role " + role + " or the admin token.",
                        path, java.util.Map.of(), java.util.Map.of(), method);
            }
        }
        return dependency == null ? sluice.adminHttp().handle(method, path, authorization, body(ctx), peer(ctx))
                : sluice.adminHttp().handleDependency(method, path, dependency, authorization, body(ctx), peer(ctx));
    }

    private static String body(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    }

    private static String peer(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }
}
