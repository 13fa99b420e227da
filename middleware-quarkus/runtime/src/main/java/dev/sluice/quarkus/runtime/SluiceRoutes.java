package dev.sluice.quarkus.runtime;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.Ticket;
import dev.sluice.http.RenderedResponse;
import io.quarkus.vertx.http.runtime.filters.Filters;
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
 * ({@code /q/maintenance}, {@code /q/dependencies/{name}}), secured by the bearer token.
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

    void adminRoutes(@Observes Router router, Sluice sluice) {
        String root = SluiceProducer.nonApplicationRoot();
        String maintenance = root + "/maintenance";
        router.route(maintenance).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .blockingHandler(ctx -> VertxResponses.write(sluice.adminHttp().handle(ctx.request().method().name(), maintenance,
                        ctx.request().getHeader("Authorization"), body(ctx), peer(ctx)), ctx.response()));
        router.route(root + "/dependencies/:name").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .blockingHandler(ctx -> VertxResponses.write(sluice.adminHttp().handleDependency(ctx.request().method().name(),
                        ctx.request().path(), ctx.pathParam("name"), ctx.request().getHeader("Authorization"), body(ctx), peer(ctx)),
                        ctx.response()));
    }

    private static String body(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString();
    }

    private static String peer(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }
}
