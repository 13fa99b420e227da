package dev.sluice.sample.jetty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.failure.UpstreamResponseException;
import dev.sluice.failure.UpstreamTimeoutException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The demo API of CONTRACT §8 that every sample serves, so one black-box suite drives them all. */
final class DemoServlet extends HttpServlet {

    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(1);
    static final Duration SLOW_UPSTREAM = Duration.ofSeconds(3);
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(UPSTREAM_TIMEOUT)
            .build();
    private final PaymentsDependency payments;
    private volatile URI upstreamBase;

    DemoServlet(PaymentsDependency payments) {
        this.payments = payments;
    }

    void upstreamBase(URI base) {
        this.upstreamBase = base;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        switch (path) {
            case "/hello" -> text(response, "hello");
            case "/work" -> {
                sleep(millis(request));
                text(response, "worked " + millis(request) + " ms");
            }
            case "/cpu" -> {
                burn(millis(request));
                text(response, "burned " + millis(request) + " ms");
            }
            case "/payments" -> text(response, payments.charge());
            case "/quota" -> text(response, "quota ok"); // limited per client by sluice.client-limits.policies.quota
            case "/boom" -> throw new IllegalStateException("boom: an application bug, which must end as 500");
            case "/proxy" -> proxy(request.getParameter("to"), response);
            case "/demo/upstream/ok" -> json(response, "{\"status\":\"ok\"}");
            case "/demo/upstream/garbage" -> json(response, "<<< this is not JSON >>>");
            case "/demo/upstream/slow" -> {
                sleep(SLOW_UPSTREAM.toMillis());
                json(response, "{\"status\":\"late\"}");
            }
            default -> response.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/demo/dependencies/payments".equals(request.getRequestURI())) {
            response.sendError(405);
            return;
        }
        String healthy = request.getParameter("healthy");
        if (!"true".equals(healthy) && !"false".equals(healthy)) {
            response.sendError(400, "healthy must be true or false");
            return;
        }
        payments.healthy(Boolean.parseBoolean(healthy));
        text(response, "payments healthy=" + healthy);
    }

    /** Acts as a gateway to this app's own /demo/upstream/{to}: bad answer → 502, too late → 504. */
    private void proxy(String to, HttpServletResponse response) throws IOException {
        if (to == null || !to.matches("garbage|slow|ok")) {
            response.sendError(400, "to must be garbage, slow or ok");
            return;
        }
        HttpRequest upstream = HttpRequest.newBuilder(upstreamBase.resolve(to)).timeout(UPSTREAM_TIMEOUT).GET().build();
        HttpResponse<String> answer;
        try {
            answer = client.send(upstream, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new UpstreamTimeoutException("upstream " + to + " did not answer within " + UPSTREAM_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String status = readStatus(answer.body());
        json(response, "{\"upstream\":\"" + status + "\"}");
    }

    private static String readStatus(String body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
                    && "status".equals(p.currentName()) && p.nextToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
        } catch (JsonProcessingException e) {
            throw new UpstreamResponseException("upstream answered with unreadable JSON", e);
        } catch (IOException e) {
            throw new UpstreamResponseException("upstream answer could not be read", e);
        }
        throw new UpstreamResponseException("upstream answer has no status");
    }

    private static long millis(HttpServletRequest request) {
        String ms = request.getParameter("ms");
        try {
            return ms == null ? 0 : Math.max(0, Math.min(60_000, Long.parseLong(ms)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void burn(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }

    private static void text(HttpServletResponse response, String body) throws IOException {
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(body);
    }

    private static void json(HttpServletResponse response, String body) throws IOException {
        response.setContentType("application/json");
        response.getWriter().write(body);
    }
}
