package dev.sluice;

import dev.sluice.http.RenderedResponse;

import java.util.Map;
import java.util.Objects;

/**
 * The core's decision about one request: a value, never an exception.
 * <ul>
 *   <li>{@link Admitted}: let the application serve it; complete the ticket exactly once afterwards.</li>
 *   <li>{@link Rejected}: Sluice answers with the rejection (503/429); the application never runs.</li>
 *   <li>{@link Answered}: Sluice answers the request itself with a ready response (e.g. the
 *       maintenance bypass URL that sets the bypass cookie).</li>
 * </ul>
 */
public sealed interface Admission permits Admission.Admitted, Admission.Rejected, Admission.Answered {

    /**
     * The request may proceed; {@link #ticket()} must be completed exactly once (it tolerates more).
     * {@link #headers()} go on the application's response (e.g. the RateLimit fields of a limited route).
     */
    record Admitted(Ticket ticket, Map<String, String> headers) implements Admission {
        /** Admission that holds no permit; shared, so the ordinary admit path allocates nothing. */
        public static final Admitted WITHOUT_PERMIT = new Admitted(Ticket.NONE);

        public Admitted {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(headers, "headers");
        }

        public Admitted(Ticket ticket) {
            this(ticket, Map.of());
        }
    }

    /** The request is refused before the application sees it. */
    record Rejected(Rejection rejection) implements Admission {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    /** Sluice answers this request itself with {@code response}. */
    record Answered(RenderedResponse response) implements Admission {
        public Answered {
            Objects.requireNonNull(response, "response");
        }
    }
}
