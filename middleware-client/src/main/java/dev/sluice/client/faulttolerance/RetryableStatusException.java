package dev.sluice.client.faulttolerance;

import dev.sluice.client.RetryCall;
import dev.sluice.client.RetryDecision;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.io.Serial;
import java.util.List;
import java.util.Map;

/**
 * A REST client's answer with a status the policy retries (429 or 503, and 502 or 504 if configured), with
 * the method of the request it answered and that request's idempotency key: what {@link SluiceRetryWhen}
 * needs to tell a GET it may repeat from a POST it may not. Thrown by {@link SluiceResponseExceptionMapper}
 * where the REST client would throw a plain {@link WebApplicationException}; its response (headers and
 * buffered body) is the one the server sent, so a caller that gets it after the retries gave up still reads
 * {@code Retry-After}.
 */
public final class RetryableStatusException extends WebApplicationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String requestMethod;
    private final String idempotencyKey;

    RetryableStatusException(String message, Response response, String requestMethod, String idempotencyKey) {
        super(message, response);
        this.requestMethod = requestMethod;
        this.idempotencyKey = idempotencyKey;
    }

    /** The method of the request this answered ({@code GET}). */
    public String requestMethod() {
        return requestMethod;
    }

    /** What Sluice's retry decides about this answer within {@code call}: the wait the server asked for, or why not. */
    RetryDecision decide(RetryCall call) {
        Response response = getResponse();
        int status = response.getStatus();
        MultivaluedMap<String, String> headers = response.getStringHeaders();
        return call.onResponse(status, name -> values(headers, name),
                () -> call.needsBody(status, name -> values(headers, name)) ? response.readEntity(String.class) : "");
    }

    /** The request's headers as the retry reads them: only the idempotency key is ever asked for. */
    List<String> requestHeader(String name) {
        return idempotencyKey == null ? List.of() : List.of(idempotencyKey);
    }

    private static List<String> values(MultivaluedMap<String, String> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue() == null ? List.of() : e.getValue();
            }
        }
        return List.of();
    }
}
