package dev.sluice.clientlimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A client key a client can choose (an API key, a principal's name), kept as the first 128 bits of its
 * SHA-256: every key takes the same few bytes however long the header was, a heap dump or a shared store
 * never holds the API keys themselves, and two keys collide only by chance (2^-64 for a billion keys).
 */
record HashedKey(long high, long low) {

    /** Longer values are not keys: a header value this long is not an API key anyone issued. */
    static final int MAX_LENGTH = 256;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    /** The key of {@code value} in the namespace {@code kind} ({@code key:}, {@code user:}). */
    static HashedKey of(String kind, String value) {
        MessageDigest sha = SHA256.get();
        sha.update(kind.getBytes(StandardCharsets.UTF_8));
        byte[] d = sha.digest(value.getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (d[i] & 0xFF);
            low = (low << 8) | (d[i + 8] & 0xFF);
        }
        return new HashedKey(high, low);
    }

    /** The key as text (for logs and shared stores): 22 characters of URL-safe Base64. */
    @Override
    public String toString() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
