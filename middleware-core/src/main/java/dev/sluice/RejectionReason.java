package dev.sluice;

/** Why Sluice answered instead of the application; {@link #slug()} ends the problem {@code type}. */
public enum RejectionReason {
    MAINTENANCE(503, "maintenance"),
    RATE_LIMITED(429, "rate-limited"),
    DEPENDENCY_UNAVAILABLE(503, "dependency-unavailable"),
    OVERLOAD(503, "overload"),
    BAD_GATEWAY(502, "bad-gateway"),
    GATEWAY_TIMEOUT(504, "gateway-timeout"),
    /** The instance is shutting down (CONTRACT §11): another instance will answer. */
    SHUTTING_DOWN(503, "shutting-down"),
    /** The path cannot be normalised without ambiguity (CONTRACT §9): refused before anything else. */
    AMBIGUOUS_PATH(400, "ambiguous-path");

    private final int status;
    private final String slug;

    RejectionReason(int status, String slug) {
        this.status = status;
        this.slug = slug;
    }

    /** HTTP status this reason is always answered with. */
    public int status() {
        return status;
    }

    /** Last segment of the problem {@code type} URI, e.g. {@code maintenance}. */
    public String slug() {
        return slug;
    }
}
