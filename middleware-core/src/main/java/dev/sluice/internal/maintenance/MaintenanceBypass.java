package dev.sluice.internal.maintenance;

import dev.sluice.RequestInfo;
import dev.sluice.internal.http.ClientAddressResolver;
import dev.sluice.internal.http.IpRange;
import dev.sluice.internal.http.RenderedResponse;
import dev.sluice.maintenance.MaintenanceState;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who is served during maintenance anyway (CONTRACT §4): clients whose address (resolved as in §5) lies in
 * an allow-listed block, and callers that present the bypass secret in a header or carry the bypass cookie,
 * which visiting {@code <path>/<secret>} sets. Secrets are compared in constant time and never logged.
 *
 * <p>The cookie is an HMAC, keyed by the secret, of the moment the maintenance in force began: it works for
 * that maintenance only. A new secret, or switching maintenance on again (which starts a new one), revokes
 * every cookie handed out before; a cookie never opens a later window. It is {@code Secure} when the client
 * came over TLS, also when a trusted proxy terminated it (its forwarded scheme says so).
 */
public final class MaintenanceBypass {

    public static final String DEFAULT_HEADER = "X-Sluice-Bypass";
    public static final String DEFAULT_COOKIE = "sluice_bypass";
    public static final String DEFAULT_PATH = "/_sluice/bypass";

    private final List<IpRange> addresses;
    private final ClientAddressResolver clientAddresses;
    private final byte[] secretDigest;
    private final SecretKeySpec cookieKey;
    private final String header;
    private final String cookie;
    private final String pathPrefix;
    private volatile CookieValue lastCookie; // the cookie of the maintenance last asked about

    /** The cookie value for maintenance that began at {@code since} (epoch milliseconds). */
    private record CookieValue(long since, String value) {
    }

    /**
     * @param secret bypass secret, or {@code null} for none; at least 16 characters
     */
    public MaintenanceBypass(List<IpRange> addresses, ClientAddressResolver clientAddresses, String secret,
                             String header, String cookie, String path) {
        this.addresses = List.copyOf(addresses);
        this.clientAddresses = Objects.requireNonNull(clientAddresses, "clientAddresses");
        this.header = Objects.requireNonNull(header, "header");
        this.cookie = Objects.requireNonNull(cookie, "cookie");
        this.pathPrefix = Objects.requireNonNull(path, "path") + "/";
        if (secret == null || secret.isEmpty()) {
            this.secretDigest = null;
            this.cookieKey = null;
        } else {
            this.secretDigest = sha256(secret);
            this.cookieKey = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        }
    }

    public static MaintenanceBypass none(ClientAddressResolver clientAddresses) {
        return new MaintenanceBypass(List.of(), clientAddresses, null, DEFAULT_HEADER, DEFAULT_COOKIE, DEFAULT_PATH);
    }

    /** Whether {@code request} may pass {@code maintenance}. */
    public boolean allows(RequestInfo request, MaintenanceState maintenance) {
        if (secretDigest != null) {
            String presented = request.header(header);
            if (presented != null && MessageDigest.isEqual(sha256(presented), secretDigest)) {
                return true;
            }
            String fromCookie = request.cookie(cookie);
            if (fromCookie != null && MessageDigest.isEqual(fromCookie.getBytes(StandardCharsets.UTF_8),
                    cookieValue(maintenance).getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        if (!addresses.isEmpty()) {
            String client = clientAddresses.resolve(request);
            for (IpRange range : addresses) {
                if (range.contains(client)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The response that sets the bypass cookie for {@code maintenance} when {@code request} is
     * {@code GET <path>/<secret>} with the right secret (a redirect to {@code /}); {@code null} for every other
     * request, a wrong secret included, which then goes on like any request.
     */
    public RenderedResponse grant(RequestInfo request, String path, MaintenanceState maintenance, Instant now) {
        if (secretDigest == null || !path.startsWith(pathPrefix) || !"GET".equals(request.method())) {
            return null;
        }
        String presented = path.substring(pathPrefix.length());
        if (!MessageDigest.isEqual(sha256(presented), secretDigest)) {
            return null;
        }
        StringBuilder setCookie = new StringBuilder(cookie).append('=').append(cookieValue(maintenance))
                .append("; Path=/; HttpOnly; SameSite=Lax");
        if (maintenance.until() != null) {
            setCookie.append("; Max-Age=").append(Math.max(1, Duration.between(now, maintenance.until()).toSeconds()));
        }
        if (clientAddresses.secure(request)) {
            setCookie.append("; Secure");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", "/");
        headers.put("Set-Cookie", setCookie.toString());
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Length", "0");
        return new RenderedResponse(303, headers, new byte[0]);
    }

    /** HMAC-SHA256 of when {@code maintenance} began, keyed by the secret; kept for the maintenance last asked about. */
    private String cookieValue(MaintenanceState maintenance) {
        long since = maintenance.since().toEpochMilli();
        CookieValue cached = lastCookie;
        if (cached != null && cached.since() == since) {
            return cached.value();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cookieKey);
            byte[] tag = mac.doFinal(("sluice-maintenance-bypass:" + since).getBytes(StandardCharsets.UTF_8));
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
            lastCookie = new CookieValue(since, value);
            return value;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
