package dev.sluice.admin;

/**
 * {@code sluice.admin.*}.
 *
 * @param token               bearer token for the admin surface, or {@code null}
 * @param allowUnauthenticated whether the admin surface answers without any authentication (only on
 *                             purpose: anyone who reaches it can switch maintenance)
 */
public record AdminConfig(String token, boolean allowUnauthenticated) {

    public static AdminConfig defaults() {
        return new AdminConfig(null, false);
    }
}
