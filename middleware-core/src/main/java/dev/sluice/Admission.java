package dev.sluice;

import dev.sluice.internal.http.RenderedResponse;

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
     * Not final only so that a concurrency permit can be its own admission: one object per admitted
     * request instead of two.
     */
    non-sealed class Admitted implements Admission {
        /** Admission that holds no permit; shared, so the ordinary admit path allocates nothing. */
        public static final Admitted WITHOUT_PERMIT = new Admitted(Ticket.NONE);

        private final Ticket ticket;
        private final Map<String, String> headers;

        public Admitted(Ticket ticket, Map<String, String> headers) {
            this.ticket = Objects.requireNonNull(ticket, "ticket");
            this.headers = Objects.requireNonNull(headers, "headers");
        }

        public Admitted(Ticket ticket) {
            this(ticket, Map.of());
        }

        /** For a subclass that is its own ticket and overrides {@link #ticket()}. */
        protected Admitted(Map<String, String> headers) {
            this.ticket = null;
            this.headers = Objects.requireNonNull(headers, "headers");
        }

        public Ticket ticket() {
            return ticket;
        }

        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public String toString() {
            return "Admitted[ticket=" + ticket() + ", headers=" + headers + "]";
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
