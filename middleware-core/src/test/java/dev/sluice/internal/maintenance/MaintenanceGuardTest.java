package dev.sluice.internal.maintenance;

import dev.sluice.MutableClock;
import dev.sluice.Rejection;
import dev.sluice.RejectionReason;
import dev.sluice.RequestInfo;
import dev.sluice.TestRequest;
import dev.sluice.internal.http.ClientAddressResolver;
import dev.sluice.internal.http.IpRange;
import dev.sluice.internal.http.PathPatterns;
import dev.sluice.internal.http.RenderedResponse;
import dev.sluice.maintenance.MaintenanceMode;
import dev.sluice.maintenance.MaintenanceState;
import dev.sluice.maintenance.MaintenanceWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceGuardTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T10:00:00Z");
    private final InMemoryMaintenanceStore store = new InMemoryMaintenanceStore();
    private final ClientAddressResolver addresses = new ClientAddressResolver(List.of(IpRange.parse("127.0.0.1")));
    private static final String SECRET = "a-bypass-secret-of-some-length";

    /** As {@code Sluice.admit} asks the guard: the state and the time read once, then the step. */
    private Rejection check(MaintenanceGuard guard, RequestInfo request, String path) {
        MaintenanceState state = guard.activeAt(clock.instant());
        return state == null ? null : guard.check(request, path, state, clock.instant());
    }

    private RenderedResponse grant(MaintenanceGuard guard, RequestInfo request, String path) {
        MaintenanceState state = guard.activeAt(clock.instant());
        return state == null ? null : guard.grant(request, path, state, clock.instant());
    }

    private MaintenanceGuard guard(List<MaintenanceWindow> windows) {
        MaintenanceBypass bypass = new MaintenanceBypass(List.of(IpRange.parse("203.0.113.0/24")), addresses, SECRET,
                MaintenanceBypass.DEFAULT_HEADER, MaintenanceBypass.DEFAULT_COOKIE, MaintenanceBypass.DEFAULT_PATH);
        return new MaintenanceGuard(store, windows, bypass, clock);
    }

    private void on(MaintenanceMode mode, Instant until, List<String> scope, Duration estimate) {
        store.activate(new MaintenanceState(mode, "Down for a while", clock.instant(), until, PathPatterns.of(scope), estimate));
    }

    @Test
    void withMaintenanceOffEverythingPasses() {
        assertThat(check(guard(List.of()), TestRequest.get("/orders"), "/orders")).isNull();
    }

    @Test
    void fullMaintenanceRefusesWithRetryAfterCountingDownToTheEnd() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.FULL, clock.instant().plusSeconds(120), List.of(), null);

        Rejection r = check(guard, TestRequest.get("/orders"), "/orders");
        assertThat(r.reason()).isEqualTo(RejectionReason.MAINTENANCE);
        assertThat(r.detail()).isEqualTo("Down for a while");
        assertThat(r.retryAfter().seconds()).isEqualTo(120);

        clock.advance(Duration.ofMillis(30_500));
        assertThat(check(guard, TestRequest.get("/orders"), "/orders").retryAfter().seconds()).isEqualTo(90);
    }

    @Test
    void maintenanceEndsByItselfAtItsAnnouncedEnd() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.FULL, clock.instant().plusSeconds(60), List.of(), null);

        clock.advance(Duration.ofSeconds(60));

        assertThat(check(guard, TestRequest.get("/orders"), "/orders")).isNull();
        assertThat(guard.current()).isEmpty();
    }

    @Test
    void withoutAnEndTheEstimateIsUsedAndWithoutAnEstimateNoRetryAfter() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.FULL, null, List.of(), Duration.ofMinutes(10));
        assertThat(check(guard, TestRequest.get("/"), "/").retryAfter().seconds()).isEqualTo(600);

        on(MaintenanceMode.FULL, null, List.of(), null);
        assertThat(check(guard, TestRequest.get("/"), "/").retryAfter()).isNull();
    }

    @Test
    void readOnlyRefusesOnlyUnsafeMethods() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.READ_ONLY, null, List.of(), null);

        for (String safe : List.of("GET", "HEAD", "OPTIONS", "TRACE")) {
            assertThat(check(guard, TestRequest.of(safe, "/orders"), "/orders")).as(safe).isNull();
        }
        for (String unsafe : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertThat(check(guard, TestRequest.of(unsafe, "/orders"), "/orders")).as(unsafe).isNotNull();
        }
    }

    @Test
    void scopedMaintenanceCoversOnlyItsPaths() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.FULL, null, List.of("/payments/**"), null);

        assertThat(check(guard, TestRequest.get("/payments/7"), "/payments/7")).isNotNull();
        assertThat(check(guard, TestRequest.get("/orders"), "/orders")).isNull();
    }

    @Test
    void aScheduledWindowSwitchesOnAtItsStartAndOffAtItsEndWithoutARestart() {
        Instant start = clock.instant().plus(Duration.ofHours(1));
        MaintenanceGuard guard = guard(List.of(new MaintenanceWindow(start, start.plus(Duration.ofMinutes(30)),
                MaintenanceMode.FULL, "Planned upgrade", PathPatterns.none())));

        assertThat(check(guard, TestRequest.get("/"), "/")).isNull();
        clock.advance(Duration.ofHours(1));
        Rejection during = check(guard, TestRequest.get("/"), "/");
        assertThat(during.detail()).isEqualTo("Planned upgrade");
        assertThat(during.retryAfter().seconds()).isEqualTo(1800);
        clock.advance(Duration.ofMinutes(30));
        assertThat(check(guard, TestRequest.get("/"), "/")).isNull();
    }

    @Test
    void bypassedCallersPass() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.FULL, null, List.of(), null);

        assertThat(check(guard, TestRequest.get("/").header("X-Sluice-Bypass", SECRET), "/")).isNull();
        assertThat(check(guard, TestRequest.get("/").header("X-Sluice-Bypass", SECRET + "x"), "/")).isNotNull();
        assertThat(check(guard, TestRequest.get("/").from("203.0.113.9"), "/")).as("allow-listed peer").isNull();
        assertThat(check(guard, TestRequest.get("/").from("127.0.0.1").header("X-Forwarded-For", "203.0.113.9"), "/"))
                .as("allow-listed client behind the trusted proxy").isNull();
        assertThat(check(guard, TestRequest.get("/").from("192.0.2.1").header("X-Forwarded-For", "203.0.113.9"), "/"))
                .as("an untrusted peer cannot claim an allow-listed address").isNotNull();
    }

    @Test
    void theSecretUrlSetsACookieThatBypassesThisMaintenanceAndAWrongOneSetsNothing() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.FULL, clock.instant().plusSeconds(600), List.of(), null);
        String secretUrl = "/_sluice/bypass/" + SECRET;

        RenderedResponse grant = grant(guard, TestRequest.get(secretUrl).overTls(), secretUrl);
        assertThat(grant.status()).isEqualTo(303);
        String setCookie = grant.header("Set-Cookie");
        assertThat(setCookie).startsWith("sluice_bypass=").contains("HttpOnly").contains("SameSite=Lax").contains("Secure")
                .contains("Max-Age=600").doesNotContain(SECRET);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertThat(check(guard, TestRequest.get("/").header("Cookie", "theme=dark; " + cookie), "/")).isNull();
        assertThat(check(guard, TestRequest.get("/").header("Cookie", "sluice_bypass=forged"), "/")).isNotNull();

        assertThat(grant(guard, TestRequest.get("/_sluice/bypass/wrong"), "/_sluice/bypass/wrong")).isNull();
        assertThat(grant(guard, TestRequest.of("POST", secretUrl), secretUrl)).isNull();
        assertThat(grant(guard, TestRequest.get(secretUrl), secretUrl).header("Set-Cookie")).doesNotContain("Secure");
    }

    @Test
    void aBypassCookieWorksForTheMaintenanceThatSetItOnlyAndSwitchingOnAgainRevokesIt() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.FULL, null, List.of(), null);
        String secretUrl = "/_sluice/bypass/" + SECRET;
        String setCookie = grant(guard, TestRequest.get(secretUrl), secretUrl).header("Set-Cookie");
        TestRequest withCookie = TestRequest.get("/").header("Cookie", setCookie.substring(0, setCookie.indexOf(';')));
        assertThat(check(guard, withCookie, "/")).isNull();

        clock.advance(Duration.ofSeconds(1));
        on(MaintenanceMode.FULL, null, List.of(), null); // an operator switches on again: a new maintenance

        assertThat(check(guard, withCookie, "/")).as("a cookie of an earlier maintenance").isNotNull();
        MaintenanceBypass otherSecret = new MaintenanceBypass(List.of(), addresses, SECRET + "-rotated",
                MaintenanceBypass.DEFAULT_HEADER, MaintenanceBypass.DEFAULT_COOKIE, MaintenanceBypass.DEFAULT_PATH);
        MaintenanceState now = store.current().orElseThrow();
        String fresh = grant(guard, TestRequest.get(secretUrl), secretUrl).header("Set-Cookie");
        assertThat(otherSecret.allows(TestRequest.get("/").header("Cookie", fresh.substring(0, fresh.indexOf(';'))), now))
                .as("a new secret revokes every cookie").isFalse();
    }

    @Test
    void theCookieIsSecureWhenATrustedProxyForwardedHttpsAndOnlyThen() {
        MaintenanceGuard guard = guard(List.of());
        on(MaintenanceMode.FULL, null, List.of(), null);
        String secretUrl = "/_sluice/bypass/" + SECRET;

        String behindTls = grant(guard, TestRequest.get(secretUrl).from("127.0.0.1").header("X-Forwarded-Proto", "https"), secretUrl)
                .header("Set-Cookie");
        String spoofed = grant(guard, TestRequest.get(secretUrl).from("192.0.2.1").header("X-Forwarded-Proto", "https"), secretUrl)
                .header("Set-Cookie");

        assertThat(behindTls).contains("; Secure");
        assertThat(spoofed).as("an untrusted peer's forwarded scheme").doesNotContain("Secure");
    }
}
