package dev.sluice.admin;

import dev.sluice.dependency.BreakerOverride;
import dev.sluice.http.RenderedResponse;
import dev.sluice.http.Renderer;
import dev.sluice.maintenance.InvalidMaintenanceRequestException;
import dev.sluice.maintenance.MaintenanceRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The maintenance admin resource over plain HTTP, for adapters without a security framework of their
 * own (the admin servlet, the Quarkus route): bearer-token check (CONTRACT §7), then {@code GET} state,
 * {@code POST} on (JSON body), {@code DELETE} off. Answers are complete responses for the adapter to write.
 */
public final class AdminHttpHandler {

    private final AdminOperations operations;
    private final AdminConfig config;
    private final Renderer renderer;
    private final byte[] tokenDigest;

    public AdminHttpHandler(AdminOperations operations, AdminConfig config, Renderer renderer) {
        this.operations = operations;
        this.config = config;
        this.renderer = renderer;
        this.tokenDigest = config.token() == null ? null : sha256(config.token());
    }

    /**
     * Handles one request to the maintenance resource.
     *
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param peer          the caller's address, for the audit log
     */
    public RenderedResponse handle(String method, String path, String authorization, String body, String peer) {
        RenderedResponse denied = authorize(authorization, method, path);
        if (denied != null) {
            return denied;
        }
        return serveMaintenance(method, path, body, (tokenDigest != null ? "bearer token holder" : "unauthenticated caller") + " from " + peer);
    }

    /**
     * Serves the maintenance resource to a caller the adapter has already authorized (e.g. a Spring
     * Security user with the admin role); {@code actor} names them in the audit log.
     */
    public RenderedResponse serveMaintenance(String method, String path, String body, String actor) {
        try {
            return switch (method) {
                case "GET", "HEAD" -> Renderer.json(200, operations.state().toJson(), method);
                case "POST", "PUT" -> Renderer.json(200, operations.maintenanceOn(MaintenanceRequest.parse(body), actor).toJson(), method);
                case "DELETE" -> Renderer.json(200, operations.maintenanceOff(actor).toJson(), method);
                default -> renderer.problem(405, "method-not-allowed", "Use GET, POST or DELETE.", path,
                        Map.of("Allow", "GET, HEAD, POST, DELETE"), Map.of(), method);
            };
        } catch (InvalidMaintenanceRequestException e) {
            return renderer.problem(400, "invalid-request", e.getMessage(), path, Map.of(), Map.of("field", e.field()), method);
        }
    }

    /**
     * Handles one request to a dependency resource ({@code .../dependencies/{name}}): {@code GET} the state,
     * {@code POST} {@code {"override":"open"|"closed"|"none"}} to force its breaker open or closed, or back
     * to normal.
     */
    public RenderedResponse handleDependency(String method, String path, String name, String authorization, String body, String peer) {
        RenderedResponse denied = authorize(authorization, method, path);
        if (denied != null) {
            return denied;
        }
        return serveDependency(method, path, name, body, (tokenDigest != null ? "bearer token holder" : "unauthenticated caller") + " from " + peer);
    }

    /** Serves a dependency resource to a caller the adapter has already authorized. */
    public RenderedResponse serveDependency(String method, String path, String name, String body, String actor) {
        boolean known = operations.state().dependencies().stream().anyMatch(d -> d.name().equals(name));
        if (!known) {
            return renderer.problem(404, "unknown-dependency", "No dependency named '" + name + "' is declared (sluice.dependencies.*).",
                    path, Map.of(), Map.of(), method);
        }
        return switch (method) {
            case "GET", "HEAD" -> Renderer.json(200, operations.state().toJson(), method);
            case "POST", "PUT" -> {
                BreakerOverride override;
                try {
                    override = BreakerOverrideRequest.parse(body);
                } catch (InvalidMaintenanceRequestException e) {
                    yield renderer.problem(400, "invalid-request", e.getMessage(), path, Map.of(), Map.of("field", e.field()), method);
                }
                yield Renderer.json(200, operations.overrideDependency(name, override, actor).toJson(), method);
            }
            default -> renderer.problem(405, "method-not-allowed", "Use GET or POST.", path,
                    Map.of("Allow", "GET, HEAD, POST"), Map.of(), method);
        };
    }

    /**
     * {@code null} when the caller may use the admin surface; otherwise the 401 (missing or wrong token) or
     * 403 (admin not enabled) response. Tokens are compared in constant time.
     */
    public RenderedResponse authorize(String authorization, String method, String path) {
        if (tokenDigest == null) {
            if (config.allowUnauthenticated()) {
                return null;
            }
            return renderer.problem(403, "admin-disabled",
                    "The Sluice admin endpoint is not enabled. Set sluice.admin.token and send 'Authorization: Bearer <token>', "
                            + "or set sluice.admin.allow-unauthenticated=true on purpose.", path, Map.of(), Map.of(), method);
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        if (presented != null && MessageDigest.isEqual(sha256(presented), tokenDigest)) {
            return null;
        }
        return renderer.problem(401, "unauthorized", "A valid bearer token is required.", path,
                Map.of("WWW-Authenticate", "Bearer realm=\"sluice\""), Map.of(), method);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
