package dev.sluice.internal.admin;

import dev.sluice.admin.AdminConfig;
import dev.sluice.dependency.BreakerOverride;
import dev.sluice.internal.http.RenderedResponse;
import dev.sluice.internal.http.Renderer;
import dev.sluice.internal.http.RequestPath;
import dev.sluice.maintenance.InvalidMaintenanceRequestException;
import dev.sluice.maintenance.MaintenanceRequest;
import dev.sluice.store.StoreUnavailableException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

/**
 * The admin surface over HTTP, the one every adapter calls (CONTRACT §7): the maintenance resource at
 * {@code sluice.admin.path} ({@code GET} state, {@code POST} JSON on, {@code DELETE} off) and a
 * dependency's at {@code <parent>/dependencies/<name>} ({@code GET}, {@code POST} an override). It decides
 * everything: who may (a caller with {@code sluice.admin.role}, else the bearer token, compared in constant
 * time), what a write must look like ({@code Content-Type: application/json}, so a cross-site form cannot
 * switch maintenance; at most {@link #MAX_BODY_BYTES}), and answers complete responses for the adapter to
 * write as they are.
 */
public final class AdminHttpHandler {

    /** The largest admin body read; adapters read one byte more, so a larger one is answered 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final AdminOperations operations;
    private final AdminConfig config;
    private final Renderer renderer;
    private final byte[] tokenDigest;
    private final String dependenciesPrefix;

    public AdminHttpHandler(AdminOperations operations, AdminConfig config, Renderer renderer) {
        this.operations = operations;
        this.config = config;
        this.renderer = renderer;
        this.tokenDigest = config.token() == null ? null : sha256(config.token());
        this.dependenciesPrefix = config.dependenciesPrefix();
    }

    /** Whether {@code path} (as sent, or normalised) is one of the admin's resources, which Sluice never refuses. */
    public boolean isAdminPath(String path) {
        String p = RequestPath.normalize(path);
        return p != null && (p.equals(config.path()) || dependencyName(p) != null);
    }

    /** The maintenance resource's path ({@code sluice.admin.path}). */
    public String maintenancePath() {
        return config.path();
    }

    /** Answers one admin request. */
    public RenderedResponse handle(AdminRequest request) {
        String method = request.method();
        String path = request.path();
        String normalized = RequestPath.normalize(path);
        boolean maintenance = config.path().equals(normalized);
        String dependency = maintenance || normalized == null ? null : dependencyName(normalized);
        if (!maintenance && dependency == null) {
            return renderer.problem(404, "not-found", "No admin resource at this path.", path, Map.of(), Map.of(), method);
        }
        String actor = actor(request);
        if (actor == null) {
            return denied(request);
        }
        boolean write = "POST".equals(method) || "PUT".equals(method);
        String body = "";
        if (write) {
            if (!isJson(request.contentType())) {
                return renderer.problem(415, "unsupported-media-type", "Admin writes need Content-Type: application/json.", path,
                        Map.of("Accept-Post", "application/json"), Map.of(), method);
            }
            if (request.body().length > MAX_BODY_BYTES) {
                return renderer.problem(413, "content-too-large", "The admin accepts at most " + MAX_BODY_BYTES + " bytes.", path,
                        Map.of(), Map.of(), method);
            }
            body = new String(request.body(), StandardCharsets.UTF_8);
        }
        try {
            return maintenance ? maintenance(method, path, body, actor) : dependency(method, path, dependency, body, actor);
        } catch (InvalidMaintenanceRequestException e) {
            return renderer.problem(400, "invalid-request", e.getMessage(), path, Map.of(), Map.of("field", e.field()), method);
        } catch (StoreUnavailableException e) {
            // Never pretend: the switch did not change anywhere. No Retry-After: when the store comes back is not known.
            return renderer.problem(503, "store-unavailable", "The shared store is unreachable, so the change was not made on any "
                    + "instance; every instance keeps its last known state. (" + e.getMessage() + ")", path, Map.of(), Map.of(), method);
        }
    }

    private RenderedResponse maintenance(String method, String path, String body, String actor) {
        return switch (method) {
            case "GET", "HEAD" -> Renderer.json(200, operations.state().toJson(), method);
            case "POST", "PUT" -> Renderer.json(200, operations.maintenanceOn(MaintenanceRequest.parse(body), actor).toJson(), method);
            case "DELETE" -> Renderer.json(200, operations.maintenanceOff(actor).toJson(), method);
            default -> renderer.problem(405, "method-not-allowed", "Use GET, POST or DELETE.", path,
                    Map.of("Allow", "GET, HEAD, POST, DELETE"), Map.of(), method);
        };
    }

    private RenderedResponse dependency(String method, String path, String name, String body, String actor) {
        boolean known = operations.state().dependencies().stream().anyMatch(d -> d.name().equals(name));
        if (!known) {
            return renderer.problem(404, "unknown-dependency", "No dependency named '" + name + "' is declared (sluice.dependencies.*).",
                    path, Map.of(), Map.of(), method);
        }
        return switch (method) {
            case "GET", "HEAD" -> Renderer.json(200, operations.state().toJson(), method);
            case "POST", "PUT" -> Renderer.json(200, operations.overrideDependency(name, BreakerOverrideRequest.parse(body), actor).toJson(), method);
            default -> renderer.problem(405, "method-not-allowed", "Use GET or POST.", path,
                    Map.of("Allow", "GET, HEAD, POST"), Map.of(), method);
        };
    }

    /** The dependency named by a path under the dependencies prefix (one segment), or {@code null}. */
    private String dependencyName(String path) {
        if (!path.startsWith(dependenciesPrefix) || path.length() == dependenciesPrefix.length()) {
            return null;
        }
        String name = path.substring(dependenciesPrefix.length());
        return name.indexOf('/') >= 0 ? null : name;
    }

    /**
     * Who the caller is for the audit log, or {@code null} when they may not use the admin: a caller with the
     * admin role, else the holder of the bearer token (constant-time comparison), else anyone when
     * {@code sluice.admin.allow-unauthenticated=true}.
     */
    private String actor(AdminRequest request) {
        AdminCaller caller = request.caller();
        if (caller.name() != null && caller.hasRole(config.role())) {
            return "user " + caller.name() + " from " + request.peer();
        }
        String presented = bearer(request.authorization());
        if (tokenDigest != null && presented != null && MessageDigest.isEqual(sha256(presented), tokenDigest)) {
            return "bearer token holder from " + request.peer();
        }
        if (tokenDigest == null && config.allowUnauthenticated() && caller.name() == null) {
            return "unauthenticated caller from " + request.peer();
        }
        return null;
    }

    /** 403 for a signed-in user without the role or the token, or while the admin is not enabled; else 401. */
    private RenderedResponse denied(AdminRequest request) {
        String method = request.method();
        String path = request.path();
        if (request.caller().name() != null && bearer(request.authorization()) == null) {
            return renderer.problem(403, "forbidden", "This endpoint needs the role " + config.role() + " or the admin token.",
                    path, Map.of(), Map.of(), method);
        }
        if (tokenDigest == null && !config.allowUnauthenticated()) {
            return renderer.problem(403, "admin-disabled",
                    "The Sluice admin endpoint is not enabled. Set sluice.admin.token and send 'Authorization: Bearer <token>', "
                            + "give users the role " + config.role() + " (sluice.admin.role), "
                            + "or set sluice.admin.allow-unauthenticated=true on purpose.", path, Map.of(), Map.of(), method);
        }
        return renderer.problem(401, "unauthorized", "A valid bearer token is required.", path,
                Map.of("WWW-Authenticate", "Bearer realm=\"sluice\""), Map.of(), method);
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
    }

    /** {@code application/json}, with or without parameters such as {@code charset}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
