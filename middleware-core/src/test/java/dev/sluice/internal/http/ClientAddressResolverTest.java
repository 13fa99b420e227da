package dev.sluice.internal.http;

import dev.sluice.TestRequest;
import dev.sluice.http.ForwardedHeader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressResolverTest {

    private final ClientAddressResolver behindProxies = new ClientAddressResolver(
            List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8:ffff::/48")));

    @Test
    void anUntrustedPeerIsTheClientWhateverItSends() {
        TestRequest r = TestRequest.get("/").from("192.0.2.1").header("X-Forwarded-For", "203.0.113.7")
                .header("Forwarded", "for=203.0.113.8");

        assertThat(behindProxies.resolve(r)).isEqualTo("192.0.2.1");
        assertThat(new ClientAddressResolver(List.of()).resolve(r)).isEqualTo("192.0.2.1");
    }

    @Test
    void behindATrustedProxyXForwardedForIsReadRightToLeftSkippingTrustedHops() {
        TestRequest r = TestRequest.get("/").from("10.0.0.2").header("X-Forwarded-For", "198.51.100.1, 203.0.113.7, 10.0.0.9");

        assertThat(behindProxies.resolve(r)).as("the rightmost untrusted hop, not the spoofable leftmost")
                .isEqualTo("203.0.113.7");
    }

    @Test
    void byDefaultOnlyXForwardedForIsReadSoAClientsOwnForwardedHeaderIsIgnored() {
        // nginx appends X-Forwarded-For and passes the client's own Forwarded header through untouched.
        TestRequest r = TestRequest.get("/").from("10.0.0.2").header("Forwarded", "for=203.0.113.7")
                .header("X-Forwarded-For", "198.51.100.9");

        assertThat(behindProxies.resolve(r)).isEqualTo("198.51.100.9");
    }

    @Test
    void everyXForwardedForLineCountsInOrder() {
        // Two header lines reach the resolver joined with ", ", as RFC 9110 allows and RequestInfo promises.
        TestRequest r = TestRequest.get("/").from("10.0.0.2").header("X-Forwarded-For", "203.0.113.7, 198.51.100.9");

        assertThat(behindProxies.resolve(r)).isEqualTo("198.51.100.9");
    }

    @Test
    void configuredForForwardedItReadsOnlyForwardedAndUnderstandsQuotedIpv6WithPort() {
        ClientAddressResolver forwarded = new ClientAddressResolver(List.of(IpRange.parse("10.0.0.0/8")), ForwardedHeader.FORWARDED);
        TestRequest r = TestRequest.get("/").from("10.0.0.2")
                .header("Forwarded", "for=198.51.100.1, for=\"[2001:db8:cafe::17]:4711\";proto=https")
                .header("X-Forwarded-For", "203.0.113.99");

        assertThat(forwarded.resolve(r)).isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(forwarded.secure(r)).as("proto=https of the nearest proxy's element").isTrue();
    }

    @Test
    void aHiddenHopEndsTheChainAsUnknown() {
        ClientAddressResolver forwarded = new ClientAddressResolver(List.of(IpRange.parse("10.0.0.0/8")), ForwardedHeader.FORWARDED);

        assertThat(forwarded.resolve(TestRequest.get("/").from("10.0.0.2").header("Forwarded", "for=unknown"))).isEqualTo("unknown");
        assertThat(forwarded.resolve(TestRequest.get("/").from("10.0.0.2").header("Forwarded", "proto=https"))).isEqualTo("unknown");
        assertThat(behindProxies.resolve(TestRequest.get("/").from("10.0.0.2").header("X-Forwarded-For", "_hidden"))).isEqualTo("unknown");
    }

    @Test
    void theForwardedSchemeCountsOnlyFromATrustedProxy() {
        assertThat(behindProxies.secure(TestRequest.get("/").from("10.0.0.2").header("X-Forwarded-Proto", "https"))).isTrue();
        assertThat(behindProxies.secure(TestRequest.get("/").from("10.0.0.2").header("X-Forwarded-Proto", "http"))).isFalse();
        assertThat(behindProxies.secure(TestRequest.get("/").from("192.0.2.1").header("X-Forwarded-Proto", "https"))).isFalse();
        assertThat(behindProxies.secure(TestRequest.get("/").from("192.0.2.1").overTls())).isTrue();
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        TestRequest r = TestRequest.get("/").from("10.0.0.2").header("X-Forwarded-For", "10.1.1.1, 10.0.0.3");

        assertThat(behindProxies.resolve(r)).isEqualTo("10.1.1.1");
    }

    @Test
    void ipRangesMatchByPrefixAndNeverResolveNames() {
        assertThat(IpRange.parse("192.0.2.0/24").contains("192.0.2.200")).isTrue();
        assertThat(IpRange.parse("192.0.2.0/24").contains("192.0.3.1")).isFalse();
        assertThat(IpRange.parse("2001:db8::/32").contains("2001:db8:1::1")).isTrue();
        assertThat(IpRange.parse("2001:db8::/32").contains("192.0.2.1")).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains("localhost")).as("a host name is not an address").isFalse();
        assertThatThrownBy(() -> IpRange.parse("example.com")).hasMessageContaining("'example.com'");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> IpRange.parse("256.0.0.1")).hasMessageContaining("CIDR");
    }
}
