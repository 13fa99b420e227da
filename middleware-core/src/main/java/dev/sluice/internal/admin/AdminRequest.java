package dev.sluice.internal.admin;

import java.util.Objects;

/**
 * One request to the admin surface, as an adapter hands it over: it reads at most
 * {@link AdminHttpHandler#MAX_BODY_BYTES} + 1 bytes of the body (one more than the cap, so the handler can
 * tell a body that is too large) and decides nothing itself.
 *
 * @param method        HTTP method in upper case
 * @param path          path within the application, as routed to the admin
 * @param contentType   the {@code Content-Type} header, or {@code null}
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param body          the body's bytes, empty when there is none
 * @param peer          the caller's address, for the audit log
 * @param caller        who the framework's security says the caller is
 */
public record AdminRequest(String method, String path, String contentType, String authorization, byte[] body, String peer,
                           AdminCaller caller) {

    public AdminRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        body = body == null ? new byte[0] : body;
        peer = peer == null ? "unknown" : peer;
        caller = caller == null ? AdminCaller.ANONYMOUS : caller;
    }
}
