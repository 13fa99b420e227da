package dev.sluice.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.Rejection;
import dev.sluice.RequestInfo;
import dev.sluice.http.ResponseConfig;
import dev.sluice.http.RetryAfter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link Rejection} into the bytes every adapter writes, so all adapters answer alike
 * (CONTRACT §2–§3): status; {@code Retry-After} in the configured format; {@code Cache-Control: no-store};
 * a body negotiated from {@code Accept} (problem+json, HTML or text); no body for {@code HEAD}.
 */
public final class Renderer {

    static final JsonFactory JSON = new JsonFactory();

    private final ResponseConfig config;

    public Renderer(ResponseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public ResponseConfig config() {
        return config;
    }

    /** The response for {@code rejection} of {@code request}. */
    public RenderedResponse render(Rejection rejection, RequestInfo request) {
        int status = rejection.status();
        String title = reasonPhrase(status);
        String type = config.problemTypeBase() + "/" + rejection.reason().slug();
        RetryAfter retryAfter = rejection.retryAfter();
        BodyFormat format = ContentNegotiation.choose(request.header("Accept"));
        long refresh = format == BodyFormat.HTML ? refreshSeconds(rejection) : 0;
        String body = switch (format) {
            case PROBLEM_JSON -> problemJson(type, title, status, rejection.detail(), request.path(), retryAfter, Map.of());
            case HTML -> HtmlPage.render(config.htmlTemplate(), status, title, rejection.detail(), request.path(), retryAfter, refresh);
            case TEXT -> text(status, title, rejection.detail(), retryAfter);
        };
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) {
            headers.put("Retry-After", retryAfter.headerValue(config.retryAfterFormat()));
        }
        if (refresh > 0) {
            headers.put("Refresh", Long.toString(refresh));
        }
        headers.put("Cache-Control", "no-store");
        headers.putAll(rejection.headers());
        headers.put("Vary", "Accept"); // the body depends on Accept
        return finish(status, headers, format.contentType(), body, request.method());
    }

    /**
     * When an HTML page should reload itself: its Retry-After plus a jitter of up to a tenth of it (at least 2 s, at
     * most 30 s), so the open tabs of a crowd do not all come back in the same second; 0 for no reload.
     */
    private long refreshSeconds(Rejection rejection) {
        RetryAfter retryAfter = rejection.retryAfter();
        boolean wanted = switch (config.htmlRefresh()) {
            case ALL -> true;
            case MAINTENANCE -> rejection.reason() == dev.sluice.RejectionReason.MAINTENANCE;
            case NONE -> false;
        };
        if (!wanted || retryAfter == null) {
            return 0;
        }
        long jitter = Math.min(30, Math.max(2, retryAfter.seconds() / 10));
        return retryAfter.seconds() + java.util.concurrent.ThreadLocalRandom.current().nextLong(jitter + 1);
    }

    /**
     * A problem+json response Sluice writes for itself (admin errors): {@code typeSlug} is appended to the
     * configured base; {@code members} are extension members (e.g. {@code field} of a 400).
     */
    public RenderedResponse problem(int status, String typeSlug, String detail, String instance,
                                    Map<String, String> extraHeaders, Map<String, String> members, String method) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        String body = problemJson(config.problemTypeBase() + "/" + typeSlug, reasonPhrase(status), status, detail,
                instance, null, members);
        return finish(status, headers, BodyFormat.PROBLEM_JSON.contentType(), body, method);
    }

    /** A JSON document (admin state) with {@code Cache-Control: no-store}. */
    public static RenderedResponse json(int status, String json, String method) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        return finish(status, headers, "application/json", json, method);
    }

    private static RenderedResponse finish(int status, Map<String, String> headers, String contentType, String body,
                                           String method) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Type", contentType);
        headers.put("Content-Length", Integer.toString(bytes.length));
        boolean head = "HEAD".equalsIgnoreCase(method);
        return new RenderedResponse(status, Collections.unmodifiableMap(headers), head ? new byte[0] : bytes);
    }

    static String problemJson(String type, String title, int status, String detail, String instance,
                              RetryAfter retryAfter, Map<String, String> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeStringField("title", title);
            g.writeNumberField("status", status);
            g.writeStringField("detail", detail);
            if (instance != null) {
                g.writeStringField("instance", instance);
            }
            if (retryAfter != null) {
                g.writeNumberField("retryAfter", retryAfter.seconds());
            }
            for (Map.Entry<String, String> m : members.entrySet()) {
                g.writeStringField(m.getKey(), m.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String text(int status, String title, String detail, RetryAfter retryAfter) {
        StringBuilder b = new StringBuilder().append(status).append(' ').append(title).append('\n').append(detail).append('\n');
        if (retryAfter != null) {
            b.append("Retry after ").append(retryAfter.seconds()).append(retryAfter.seconds() == 1 ? " second" : " seconds")
                    .append(" (").append(retryAfter.at()).append(").\n");
        }
        return b.toString();
    }

    /** RFC 9110 reason phrase of the statuses Sluice writes. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
