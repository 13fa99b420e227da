package dev.sluice.sample.quarkus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.failure.UpstreamTimeoutException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The demo API of CONTRACT §8 that every sample serves, so one black-box suite drives them all. */
@Path("/")
public class DemoResource {

    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(1);
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(UPSTREAM_TIMEOUT).build();
    private final CircuitBreaker payments;
    private volatile boolean paymentsHealthy = true;

    DemoResource(CircuitBreakerRegistry breakers) {
        this.payments = breakers.circuitBreaker("payments");
    }

    @GET
    @Path("hello")
    @Produces(MediaType.TEXT_PLAIN)
    public String hello() {
        return "hello";
    }

    @GET
    @Path("work")
    @Produces(MediaType.TEXT_PLAIN)
    public String work(@QueryParam("ms") @DefaultValue("0") long ms) throws InterruptedException {
        Thread.sleep(Math.min(ms, 60_000));
        return "worked " + ms + " ms";
    }

    @GET
    @Path("cpu")
    @Produces(MediaType.TEXT_PLAIN)
    public String cpu(@QueryParam("ms") @DefaultValue("0") long ms) {
        long end = System.nanoTime() + Math.min(ms, 60_000) * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        return "burned " + ms + " ms";
    }

    @GET
    @Path("boom")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    public String boom() {
        throw new IllegalStateException("boom: an application bug, which must end as 500");
    }

    @GET
    @Path("quota")
    @Produces(MediaType.TEXT_PLAIN)
    public String quota() {
        return "quota ok";
    }

    @GET
    @Path("payments")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    public String payments() {
        return payments.executeSupplier(() -> {
            if (!paymentsHealthy) {
                throw new IllegalStateException("payments service failed");
            }
            return "payment accepted";
        });
    }

    @POST
    @Path("demo/dependencies/payments")
    @Produces(MediaType.TEXT_PLAIN)
    public String paymentsHealth(@QueryParam("healthy") boolean healthy) {
        paymentsHealthy = healthy;
        return "payments healthy=" + healthy;
    }

    @GET
    @Path("demo/upstream/{what}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response upstream(@PathParam("what") String what) throws InterruptedException {
        return switch (what) {
            case "ok" -> Response.ok("{\"status\":\"ok\"}").build();
            case "garbage" -> Response.ok("<<< this is not JSON >>>").build();
            case "slow" -> {
                Thread.sleep(3000);
                yield Response.ok("{\"status\":\"late\"}").build();
            }
            default -> Response.status(404).build();
        };
    }

    /** Acts as a gateway to this app's own /demo/upstream/{to}: bad answer → 502, too late → 504. */
    @GET
    @Path("proxy")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public String proxy(@QueryParam("to") String to, @Context HttpServerRequest request) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + request.localAddress().port() + "/demo/upstream/" + to);
        HttpResponse<String> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(uri).timeout(UPSTREAM_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new UpstreamTimeoutException("upstream " + to + " did not answer within " + UPSTREAM_TIMEOUT, e);
        }
        try (JsonParser p = JSON.createParser(answer.body())) {
            if (p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
                    && "status".equals(p.currentName()) && p.nextToken() == JsonToken.VALUE_STRING) {
                return "{\"upstream\":\"" + p.getText() + "\"}";
            }
        } catch (IOException e) {
            throw new UpstreamResponseException("upstream answered with unreadable JSON", e);
        }
        throw new UpstreamResponseException("upstream answer has no status");
    }
}
