package dev.sluice.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every section of the kit shares: the app under test, an HTTP/1.1 client, the admin switch, and
 * a reset after each test (maintenance off), so tests sharing one running app stay independent.
 */
public interface ContractBase {

    /** The app under test, started by the adapter's test class. */
    AppUnderTest app();

    @AfterEach
    default void maintenanceOff() throws Exception {
        HttpResponse<String> off = admin("DELETE", null, ContractSettings.ADMIN_TOKEN);
        assertThat(off.statusCode()).as("switching maintenance off after the test: %s", off.body()).isEqualTo(200);
    }

    // --- requests ---

    default HttpResponse<String> send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app().baseUri() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Kit.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    default HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, null, headers);
    }

    /** Calls the maintenance admin resource with a bearer token ({@code null}: none). */
    default HttpResponse<String> admin(String method, String json, String token) throws IOException, InterruptedException {
        String[] headers = token == null
                ? new String[] {"Content-Type", "application/json", "Accept", "application/json"}
                : new String[] {"Content-Type", "application/json", "Accept", "application/json", "Authorization", "Bearer " + token};
        return send(method, app().adminPath(), json, headers);
    }

    /** Switches maintenance on with {@code json} and checks the admin accepted it. */
    default JsonNode maintenanceOn(String json) throws IOException, InterruptedException {
        HttpResponse<String> on = admin("POST", json, ContractSettings.ADMIN_TOKEN);
        assertThat(on.statusCode()).as("switching maintenance on: %s", on.body()).isEqualTo(200);
        JsonNode state = json(on.body());
        assertThat(state.path("maintenance").path("active").asBoolean()).as("the answer is the new state").isTrue();
        return state;
    }

    /** The admin's current state document. */
    default JsonNode adminState() throws IOException, InterruptedException {
        HttpResponse<String> state = admin("GET", null, ContractSettings.ADMIN_TOKEN);
        assertThat(state.statusCode()).isEqualTo(200);
        return json(state.body());
    }

    default JsonNode json(String body) throws IOException {
        return Kit.JSON.readTree(body);
    }

    /** An ISO-8601 instant {@code seconds} from now, for {@code until}. */
    default String inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds).toString();
    }

    /** The Retry-After header as seconds; fails if absent or not digits only. */
    default long retryAfterSeconds(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        assertThat(value).as("Retry-After header").isNotNull().matches("\\d+");
        return Long.parseLong(value);
    }

    /**
     * Sends {@code GET path} from local address {@code peer} (e.g. 127.0.0.2, which is not a trusted proxy)
     * over a raw socket and answers the status code.
     */
    default int statusFrom(String peer, String path, String... headerLines) throws IOException {
        return raw(peer, "GET", path, headerLines);
    }

    /**
     * Sends {@code method target} from the kit's usual address (the trusted proxy) over a raw socket, the
     * request target byte for byte as given (no client library normalises it), and answers the status code.
     */
    default int rawStatus(String method, String target, String... headerLines) throws IOException {
        return raw(ContractSettings.TRUSTED_PROXY, method, target, headerLines);
    }

    private int raw(String peer, String method, String target, String... headerLines) throws IOException {
        URI base = app().baseUri();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(peer, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                    .append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            for (String h : headerLines) {
                request.append(h).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                statusLine.append((char) c);
            }
            String[] parts = statusLine.toString().split(" ");
            if (parts.length < 2) {
                throw new IOException("no status line for " + method + " " + target + " (connection closed)");
            }
            return Integer.parseInt(parts[1]);
        }
    }

    /** Shared client and JSON reader. */
    final class Kit {
        static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        static final ObjectMapper JSON = new ObjectMapper();

        private Kit() {
        }
    }
}
