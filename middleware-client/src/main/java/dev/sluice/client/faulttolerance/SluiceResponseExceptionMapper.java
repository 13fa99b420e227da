package dev.sluice.client.faulttolerance;

import io.quarkus.rest.client.reactive.runtime.ResteasyReactiveResponseExceptionMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.client.impl.ClientResponseImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

import java.util.List;
import java.util.Map;

/**
 * For the Quarkus REST client: turns an answer with a status the policy retries into a
 * {@link RetryableStatusException} that remembers the request's method and idempotency key, which the
 * exception Quarkus throws by default does not, so that {@link SluiceRetryWhen} can refuse to repeat a POST.
 * Register it on the client interface:
 *
 * <pre>{@code
 * @RegisterRestClient(configKey = "greetings")
 * @RegisterProvider(SluiceResponseExceptionMapper.class)
 * public interface Greetings { ... }
 * }</pre>
 *
 * <p>It runs just before Quarkus's default mapper (priority {@code Integer.MAX_VALUE - 1}), so an
 * application's own mapper for 503 still wins; it builds the exception as the default one does (message,
 * buffered body, the caller's stack trace) and leaves every other status to it.
 */
public final class SluiceResponseExceptionMapper implements ResteasyReactiveResponseExceptionMapper<WebApplicationException> {

    @Override
    public WebApplicationException toThrowable(Response response, RestClientRequestContext request) {
        // Buffered, as Quarkus's default mapper does: the retry may read a problem body, and the caller still can.
        response.bufferEntity();
        String key = ConfiguredRetry.current().policy().idempotencyKeyHeader();
        RetryableStatusException e = new RetryableStatusException(
                String.format("%s, status code %d", response.getStatusInfo().getReasonPhrase(), response.getStatus()),
                response, request.getHttpMethod(), first(request.getRequestHeadersAsMap(), key));
        if (response instanceof ClientResponseImpl r && r.getCallerStackTrace() != null) {
            e.setStackTrace(r.getCallerStackTrace());
        }
        return e;
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return ConfiguredRetry.current().policy().retryStatuses().contains(status);
    }

    @Override
    public int getPriority() {
        return Integer.MAX_VALUE - 1;
    }

    private static String first(MultivaluedMap<String, String> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                return e.getValue().stream().filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
            }
        }
        return null;
    }
}
