package dev.sluice.clientlimit;

import dev.sluice.RequestInfo;

/**
 * Who "the client" is for one kind of key (CONTRACT §5): the key its bucket is found by, or {@code null} when
 * this kind cannot tell (no principal, no API key). Keys of different kinds live in different caches, so
 * they never collide.
 */
@FunctionalInterface
interface ClientKeyResolver {

    /** The client's key (an address {@code String} or a {@link HashedKey}), or {@code null}. */
    Object resolve(RequestInfo request);
}
