package dev.sluice.admin;

import java.util.Objects;

/**
 * {@code sluice.admin.*}.
 *
 * @param token                bearer token for the admin surface, or {@code null}
 * @param allowUnauthenticated whether the admin surface answers without any authentication (only on
 *                             purpose: anyone who reaches it can switch maintenance)
 * @param role                 role that lets a user the framework authenticated in without the token
 * @param path                 path of the maintenance resource; a dependency's is {@code <parent>/dependencies/<name>}
 */
public record AdminConfig(String token, boolean allowUnauthenticated, String role, String path) {

    public static final String DEFAULT_ROLE = "SLUICE_ADMIN";
    public static final String DEFAULT_PATH = "/admin/maintenance";

    public AdminConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null, false, DEFAULT_ROLE, DEFAULT_PATH);
    }

    /** Where the dependency resources start: {@code <parent of path>/dependencies/}. */
    public String dependenciesPrefix() {
        return path.substring(0, path.lastIndexOf('/')) + "/dependencies/";
    }
}
