package dev.sluice.contract;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §4 (maintenance bypass) and §5 (the client address behind trusted proxies only). */
public interface BypassContract extends ContractBase {

    @Test
    default void theBypassSecretInTheHeaderIsServed() throws Exception {
        maintenanceOn("{}");

        assertThat(get("/hello", "X-Sluice-Bypass", ContractSettings.BYPASS_SECRET).statusCode()).isEqualTo(200);
        assertThat(get("/hello", "X-Sluice-Bypass", "not-the-secret-0000000000").statusCode()).isEqualTo(503);
    }

    @Test
    default void visitingTheSecretUrlSetsACookieThatIsServed() throws Exception {
        maintenanceOn("{}");

        HttpResponse<String> grant = get("/_sluice/bypass/" + ContractSettings.BYPASS_SECRET);

        assertThat(grant.statusCode()).isEqualTo(303);
        String setCookie = grant.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("sluice_bypass=").contains("HttpOnly").doesNotContain(ContractSettings.BYPASS_SECRET);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(get("/hello", "Cookie", cookie).statusCode()).isEqualTo(200);
        assertThat(get("/hello", "Cookie", "sluice_bypass=forged").statusCode()).isEqualTo(503);
    }

    @Test
    default void aWrongSecretUrlIsJustAnotherRefusedRequest() throws Exception {
        maintenanceOn("{}");

        HttpResponse<String> r = get("/_sluice/bypass/wrong-secret-xxxxxxxx");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    default void anAllowListedClientBehindTheTrustedProxyIsServed() throws Exception {
        maintenanceOn("{}");

        assertThat(get("/hello", "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(200);
        assertThat(get("/hello", "X-Forwarded-For", "198.51.100.7").statusCode()).isEqualTo(503);
    }

    @Test
    default void anUntrustedPeerCannotClaimAnAllowListedAddress() throws Exception {
        maintenanceOn("{}");

        assertThat(statusFrom("127.0.0.2", "/hello", "X-Forwarded-For: 203.0.113.7"))
                .as("127.0.0.2 is not a trusted proxy: its header is ignored").isEqualTo(503);
    }
}
