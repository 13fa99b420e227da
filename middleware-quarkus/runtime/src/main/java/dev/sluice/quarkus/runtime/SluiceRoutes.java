package dev.sluice.quarkus.runtime;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.Ticket;
import dev.sluice.internal.admin.AdminCaller;
import dev.sluice.internal.admin.AdminHttpHandler;
import dev.sluice.internal.admin.AdminRequest;
import dev.sluice.internal.http.RenderedResponse;
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

    void filter(@Observes Filters filters, Sluice sluice) {
        filters.register(ctx -> admit(sluice, ctx), FILTER_PRIORITY);
    }

    private static void admit(Sluice sluice, RoutingContext ctx) {
        VertxRequestInfo info = new VertxRequestInfo(ctx);
        Admission admission = sluice.admit(info);
        if (admission instanceof Admission.Admitted admitted) {
            admitted.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
            VertxResponses.closeConnectionAfterEnd(ctx, admitted.headers());
            Ticket ticket = admitted.ticket();
            ctx.addHeadersEndHandler(v -> audit(sluice, ctx, info));
            if (ticket != Ticket.NONE) {
                // Ended: answered (its status says success or failure); not ended: the connection went away.
                ctx.addEndHandler(done -> ticket.complete(done.succeeded()
                        ? Ticket.Outcome.answered(ctx.response().getStatusCode()) : Ticket.Outcome.CANCELLED));
            }
            ctx.next();
            return;
        }
        RenderedResponse answer;
        if (admission instanceof Admission.Rejected rejected) {
            ctx.put(Sluice.RENDERED_ATTRIBUTE, rejected.rejection());
            Spans.tell(rejected.rejection());
            answer = sluice.renderer().render(rejected.rejection(), info);
        } else {
            answer = ((Admission.Answered) admission).response();
        }
        VertxResponses.closeConnectionAfterEnd(ctx, answer.headers());
        VertxResponses.write(answer, ctx.response());
    }

    /** Reports the application's status to the core's audit and writes the Retry-After it says to add, if any. */
    private static void audit(Sluice sluice, RoutingContext ctx, VertxRequestInfo info) {
        if (ctx.get(Sluice.RENDERED_ATTRIBUTE) != null) {
            return;
        }
        String fill = sluice.audit().answered(info, ctx.response().getStatusCode(), ctx.response().headers().contains("Retry-After"));
        if (fill != null) {
            ctx.response().putHeader("Retry-After", fill);
        }
    }

    /** The admin on the main HTTP port, under the non-application root, unless the management interface is enabled. */
    void adminRoutes(@Observes Router router, Sluice sluice) {
        if (!BuildFacts.get().managementEnabled()) {
            register(router, sluice);
        }
    }

    /** The admin on the management interface when it is enabled ({@code quarkus.management.enabled=true}). */
    void managementAdminRoutes(@Observes ManagementInterface management, Sluice sluice) {
        register(management.router(), sluice);
    }

    private static void register(Router router, Sluice sluice) {
        String maintenance = sluice.adminHttp().maintenancePath();
        String parent = maintenance.substring(0, maintenance.lastIndexOf('/'));
        for (String route : new String[] {maintenance, parent + "/dependencies/:name"}) {
            router.route(route).handler(adminBody()).blockingHandler(ctx -> VertxResponses.write(admin(ctx, sluice), ctx.response()));
        }
    }

    /**
     * The admin's body, capped (413 beyond), and never as file uploads: {@code BodyHandler.create()} would
     * write every multipart file part to {@code ./file-uploads} before authentication runs, and keep it.
     */
    private static BodyHandler adminBody() {
        return BodyHandler.create(false).setBodyLimit(AdminHttpHandler.MAX_BODY_BYTES);
    }

    /** Hands the request to the core's one admin handler, with the caller Quarkus security authenticated. */
    private static RenderedResponse admin(RoutingContext ctx, Sluice sluice) {
        HttpServerRequest request = ctx.request();
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        AdminCaller caller = identity == null || identity.isAnonymous() ? AdminCaller.ANONYMOUS
                : AdminCaller.of(identity.getPrincipal().getName(), identity::hasRole);
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return sluice.adminHttp().handle(new AdminRequest(request.method().name(), request.path(), request.getHeader("Content-Type"),
                request.getHeader("Authorization"), body, peer, caller));
    }
}
