package dev.sluice.servlet;

import dev.sluice.internal.failure.StatusAudit;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * Fills in a missing Retry-After when the application sets 503 or 429 itself
 * ({@code sluice.audit.add-missing-retry-after}); only in place when that is switched on.
 */
final class RetryAfterFillingResponse extends HttpServletResponseWrapper {

    private final StatusAudit audit;
    private volatile boolean filled;

    RetryAfterFillingResponse(HttpServletResponse response, StatusAudit audit) {
        super(response);
        this.audit = audit;
    }

    private void fill(int status) {
        String value = audit.missingRetryAfter(status, containsHeader("Retry-After"));
        if (value != null) {
            setHeader("Retry-After", value);
            filled = true;
        }
    }

    /** Whether Sluice added the Retry-After (so the application's own answer had none). */
    boolean filled() {
        return filled;
    }

    @Override
    public void setStatus(int sc) {
        fill(sc);
        super.setStatus(sc);
    }

    @Override
    public void sendError(int sc) throws IOException {
        fill(sc);
        super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        fill(sc);
        super.sendError(sc, msg);
    }
}
