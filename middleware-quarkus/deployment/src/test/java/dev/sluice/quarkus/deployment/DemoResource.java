package dev.sluice.quarkus.deployment;

import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.failure.UpstreamTimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Endpoints of the extension tests: blocking REST, reactive REST (Uni), a plain Vert.x route, failures. */
@Path("/")
public class DemoResource {

    @GET
    @Path("hello")
    public String hello() {
        return "hello";
    }

    @GET
    @Path("uni")
    public Uni<String> uni() {
        return Uni.createFrom().item("uni hello");
    }

    @GET
    @Path("gateway")
    public String gateway() {
        throw new UpstreamResponseException("upstream sent garbage");
    }

    @GET
    @Path("gateway-timeout")
    public String gatewayTimeout() {
        throw new UpstreamTimeoutException("upstream too slow");
    }

    @GET
    @Path("boom")
    public String boom() {
        throw new IllegalStateException("an application bug");
    }

    /** A plain Vert.x route, outside Quarkus REST. */
    void plainRoute(@Observes Router router) {
        router.get("/plain").handler(ctx -> ctx.response().end("plain hello"));
    }
}
