package dev.sluice.http;

/**
 * The one forwarding header Sluice reads from trusted proxies ({@code sluice.forwarded-header}): the one
 * they write. Proxies that append {@code X-Forwarded-For} pass a client's own {@code Forwarded} through
 * untouched (and the other way round), so reading both would let a client choose its address.
 */
public enum ForwardedHeader {
    /** {@code X-Forwarded-For} (addresses) and {@code X-Forwarded-Proto} (scheme): nginx, HAProxy, cloud load balancers. */
    X_FORWARDED_FOR,
    /** RFC 7239 {@code Forwarded} ({@code for=} and {@code proto=}): proxies configured to write it. */
    FORWARDED
}
