package dev.sluice.maintenance;

import dev.sluice.RequestInfo;
import dev.sluice.http.ClientAddressResolver;
import dev.sluice.http.IpRange;
import dev.sluice.http.RenderedResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is served during maintenance anyway (CONTRACT §4): clients whose address (resolved as in §5) lies in
 * an allow-listed block, and callers that present the bypass secret in a header or carry the bypass cookie,
 * which visiting {@code <path>/<secret>} sets. Secrets are compared in constant time and never logged;
 * the cookie holds an HMAC of the secret, not the secret.
 */
public final class MaintenanceBypass {

    public static final String DEFAULT_HEADER = "X-Sluice-Bypass";
    public static final String DEFAULT_COOKIE = "sluice_bypass";
    public static final String DEFAULT_PATH = "/_sluice/bypass";

    private final List<IpRange> addresses;
    private final ClientAddressResolver clientAddresses;
    private final byte[] secretDigest;
    private final String header;
    private final String cookie;
    private final String pathPrefix;
    private final byte[] cookieDigest;
    private final String cookieValue;

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
            this.cookieValue = null;
            this.cookieDigest = null;
        } else {
            this.secretDigest = sha256(secret);
            this.cookieValue = hmac(secret);
            this.cookieDigest = sha256(cookieValue);
        }
    }

    public static MaintenanceBypass none(ClientAddressResolver clientAddresses) {
        return new MaintenanceBypass(List.of(), clientAddresses, null, DEFAULT_HEADER, DEFAULT_COOKIE, DEFAULT_PATH);
    }

    /** Whether {@code request} may pass maintenance. */
    public boolean allows(RequestInfo request) {
        if (secretDigest != null) {
            String presented = request.header(header);
            if (presented != null && MessageDigest.isEqual(sha256(presented), secretDigest)) {
                return true;
            }
            String fromCookie = request.cookie(cookie);
            if (fromCookie != null && MessageDigest.isEqual(sha256(fromCookie), cookieDigest)) {
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
     * The response that sets the bypass cookie when {@code request} is {@code GET <path>/<secret>} with the
     * right secret (a redirect to {@code /}); {@code null} for every other request, a wrong secret included,
     * which then goes on like any request.
     */
    public RenderedResponse grant(RequestInfo request) {
        if (secretDigest == null || !request.path().startsWith(pathPrefix) || !"GET".equals(request.method())) {
            return null;
        }
        String presented = request.path().substring(pathPrefix.length());
        if (!MessageDigest.isEqual(sha256(presented), secretDigest)) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", "/");
        headers.put("Set-Cookie", cookie + "=" + cookieValue + "; Path=/; HttpOnly; SameSite=Lax"
                + (request.secure() ? "; Secure" : ""));
        headers.put("Cache-Control", "no-store");
        headers.put("Content-Length", "0");
        return new RenderedResponse(303, headers, new byte[0]);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String hmac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = mac.doFinal("sluice-maintenance-bypass".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
