package dev.sluice.clientlimit;

import dev.sluice.internal.http.IpRange;

/**
 * The bucket key of a client address: an IPv4 address as it is; an IPv6 address by its network of the
 * configured prefix ({@code sluice.client-limits.ipv6-prefix}, /64 by default), since whoever holds a /64 can
 * send from 2^64 addresses and would otherwise get a fresh bucket for each.
 */
final class ClientAddresses {

    private ClientAddresses() {
    }

    static Object key(String address, int ipv6Prefix) {
        if (address == null || address.indexOf(':') < 0 || ipv6Prefix >= 128) {
            return address; // IPv4 or "unknown": no allocation on the common path
        }
        IpRange network = IpRange.network(address, ipv6Prefix);
        return network == null ? address : network.toString();
    }
}
