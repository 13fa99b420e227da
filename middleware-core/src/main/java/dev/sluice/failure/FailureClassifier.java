package dev.sluice.failure;

import dev.sluice.Rejection;
import dev.sluice.RejectionReason;

import java.util.Optional;

/**
 * Decides which failures thrown by the application Sluice answers, and how (CONTRACT §1). Gateway
 * failures become 502 / 504; anything it does not know is not Sluice's: the framework's own error
 * handling answers it (500). An application bug is never turned into 502 or 503.
 */
public final class FailureClassifier {

    static final String BAD_GATEWAY_DETAIL = "The upstream service returned a response that could not be used.";
    static final String GATEWAY_TIMEOUT_DETAIL = "The upstream service did not answer in time.";
    private static final int MAX_CAUSE_DEPTH = 16;

    /** The rejection for {@code failure} or one of its causes; empty when the failure is not Sluice's. */
    public Optional<Rejection> classify(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof UpstreamResponseException) {
                return Optional.of(new Rejection(RejectionReason.BAD_GATEWAY, BAD_GATEWAY_DETAIL, null));
            }
            if (t instanceof UpstreamTimeoutException) {
                return Optional.of(new Rejection(RejectionReason.GATEWAY_TIMEOUT, GATEWAY_TIMEOUT_DETAIL, null));
            }
        }
        return Optional.empty();
    }
}
