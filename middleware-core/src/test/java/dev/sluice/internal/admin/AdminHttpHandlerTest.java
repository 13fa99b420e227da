package dev.sluice.internal.admin;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.internal.http.RenderedResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AdminHttpHandlerTest {

    private static final String TOKEN = "admin-token-0123456789";
    private static final String PATH = "/admin/maintenance";
    private static final String JSON = "application/json";

    private static String body(RenderedResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private final Sluice sluice = Sluice.create(SluiceConfig.builder().adminToken(TOKEN).build());
    private final AdminHttpHandler admin = sluice.adminHttp();

    private static AdminRequest request(String method, String path, String contentType, String authorization, String body) {
        return new AdminRequest(method, path, contentType, authorization, body.getBytes(StandardCharsets.UTF_8), "192.0.2.1", AdminCaller.ANONYMOUS);
    }

    private static AdminRequest withToken(String method, String body) {
        return request(method, PATH, JSON, "Bearer " + TOKEN, body);
    }

    @Test
    void withoutATokenConfiguredTheAdminIsDisabledAndSaysHowToEnableIt() {
        AdminHttpHandler disabled = Sluice.create(SluiceConfig.defaults()).adminHttp();

        RenderedResponse r = disabled.handle(request("GET", PATH, null, null, ""));

        assertThat(r.status()).isEqualTo(403);
        assertThat(body(r)).contains("sluice.admin.token").contains("sluice.admin.role").contains("sluice.admin.allow-unauthenticated");
    }

    @Test
    void allowUnauthenticatedOpensItOnPurpose() {
        AdminHttpHandler open = Sluice.create(SluiceConfig.builder().adminAllowUnauthenticated(true).build()).adminHttp();

        assertThat(open.handle(request("GET", PATH, null, null, "")).status()).isEqualTo(200);
    }

    @Test
    void aMissingOrWrongTokenIs401WithAChallenge() {
        RenderedResponse missing = admin.handle(request("POST", PATH, JSON, null, "{}"));
        RenderedResponse wrong = admin.handle(request("POST", PATH, JSON, "Bearer " + TOKEN + "x", "{}"));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"sluice\"");
        assertThat(sluice.admin().state().maintenance()).isEmpty();
    }

    @Test
    void aCallerWithTheAdminRoleNeedsNoTokenAndOneWithoutItIs403() {
        AdminCaller ops = AdminCaller.of("ops", Set.of("SLUICE_ADMIN")::contains);
        AdminCaller dev = AdminCaller.of("dev", Set.of("DEVELOPER")::contains);

        RenderedResponse byOps = admin.handle(new AdminRequest("POST", PATH, JSON, null, "{\"message\":\"by ops\"}".getBytes(), "p", ops));
        RenderedResponse byDev = admin.handle(new AdminRequest("POST", PATH, JSON, null, "{}".getBytes(), "p", dev));
        RenderedResponse devWithToken = admin.handle(new AdminRequest("GET", PATH, null, "Bearer " + TOKEN, new byte[0], "p", dev));

        assertThat(byOps.status()).isEqualTo(200);
        assertThat(body(byOps)).contains("by ops");
        assertThat(byDev.status()).isEqualTo(403);
        assertThat(body(byDev)).contains("SLUICE_ADMIN");
        assertThat(devWithToken.status()).as("the token works for anyone").isEqualTo(200);
    }

    @Test
    void getPostAndDeleteReadAndSwitchTheState() {
        assertThat(body(admin.handle(withToken("GET", "")))).contains("\"active\":false");

        RenderedResponse on = admin.handle(request("POST", PATH, JSON, "bearer " + TOKEN, "{\"mode\":\"READ_ONLY\",\"message\":\"m\"}"));
        assertThat(on.status()).isEqualTo(200);
        assertThat(body(on)).contains("\"active\":true").contains("\"mode\":\"READ_ONLY\"");

        RenderedResponse off = admin.handle(request("DELETE", PATH, null, "Bearer " + TOKEN, ""));
        assertThat(body(off)).contains("\"active\":false");
    }

    @Test
    void writesNeedAJsonContentTypeSoACrossSiteFormCannotSwitchMaintenance() {
        for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/jsonx", "text/json"}) {
            RenderedResponse r = admin.handle(request("POST", PATH, type, "Bearer " + TOKEN, "{\"mode\":\"FULL\"}"));
            assertThat(r.status()).as("Content-Type %s", type).isEqualTo(415);
            assertThat(r.header("Accept-Post")).isEqualTo("application/json");
        }
        assertThat(sluice.admin().state().maintenance()).isEmpty();

        assertThat(admin.handle(request("POST", PATH, "Application/JSON; charset=UTF-8", "Bearer " + TOKEN, "{}")).status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheCapIs413AndChangesNothing() {
        byte[] big = new byte[AdminHttpHandler.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        RenderedResponse r = admin.handle(new AdminRequest("POST", PATH, JSON, "Bearer " + TOKEN, big, "p", AdminCaller.ANONYMOUS));

        assertThat(r.status()).isEqualTo(413);
        assertThat(sluice.admin().state().maintenance()).isEmpty();
    }

    @Test
    void badInputIs400NamingTheFieldAndChangesNothing() {
        RenderedResponse r = admin.handle(withToken("POST", "{\"mode\":\"SOMETIMES\"}"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(r)).contains("\"field\":\"mode\"");
        assertThat(sluice.admin().state().maintenance()).isEmpty();
    }

    @Test
    void otherMethodsAre405WithAllow() {
        RenderedResponse r = admin.handle(withToken("PATCH", ""));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("POST");
    }

    @Test
    void theAdminPathsAreKnownAndOtherPathsAre404() {
        Sluice custom = Sluice.create(SluiceConfig.builder().adminToken(TOKEN).adminPath("/ops/switch").build());
        AdminHttpHandler h = custom.adminHttp();

        assertThat(h.isAdminPath("/ops/switch")).isTrue();
        assertThat(h.isAdminPath("/ops/dependencies/payments")).isTrue();
        assertThat(h.isAdminPath("/ops/dependencies/")).isFalse();
        assertThat(h.isAdminPath("/ops/dependencies/a/b")).isFalse();
        assertThat(h.isAdminPath("/admin/maintenance")).isFalse();
        assertThat(h.handle(request("GET", "/ops/other", null, "Bearer " + TOKEN, "")).status()).isEqualTo(404);
        assertThat(h.handle(request("GET", "/ops/switch", null, "Bearer " + TOKEN, "")).status()).isEqualTo(200);
    }

    @Test
    void theStateListsTheClientLimitPoliciesButNoKeys() {
        Sluice limited = Sluice.create(SluiceConfig.builder().adminToken(TOKEN).properties(Map.of(
                "sluice.client-limits.policies.quota.routes", "/quota",
                "sluice.client-limits.policies.quota.limits", "5/10s",
                "sluice.client-limits.policies.quota.key", "api-key-or-ip")).build());
        limited.admit(dev.sluice.TestRequest.get("/quota").header("X-Api-Key", "secret-client-key"));

        String state = body(limited.adminHttp().handle(withToken("GET", "")));

        assertThat(state).contains("\"clientLimits\":[{\"policy\":\"quota\",\"routes\":[\"/quota\"],\"methods\":[],\"limits\":[\"5/PT10S\"],\"refill\":\"INTERVAL\",\"key\":\"API_KEY_OR_IP\"}]")
                .doesNotContain("secret-client-key");
    }

    @Test
    void anUnknownDependencyIs404() {
        RenderedResponse r = admin.handle(request("POST", "/admin/dependencies/x", JSON, "Bearer " + TOKEN, "{\"override\":\"open\"}"));

        assertThat(r.status()).isEqualTo(404);
    }
}
