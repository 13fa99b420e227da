package dev.sluice.admin;

import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.http.RenderedResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AdminHttpHandlerTest {

    private static final String TOKEN = "admin-token-0123456789";

    private static String body(RenderedResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private final Sluice sluice = Sluice.create(SluiceConfig.builder().adminToken(TOKEN).build());
    private final AdminHttpHandler admin = sluice.adminHttp();

    @Test
    void withoutATokenConfiguredTheAdminIsDisabledAndSaysHowToEnableIt() {
        AdminHttpHandler disabled = Sluice.create(SluiceConfig.defaults()).adminHttp();

        RenderedResponse r = disabled.handle("GET", "/admin/maintenance", null, "", "192.0.2.1");

        assertThat(r.status()).isEqualTo(403);
        assertThat(body(r)).contains("sluice.admin.token").contains("sluice.admin.allow-unauthenticated");
    }

    @Test
    void allowUnauthenticatedOpensItOnPurpose() {
        AdminHttpHandler open = Sluice.create(SluiceConfig.builder().adminAllowUnauthenticated(true).build()).adminHttp();

        assertThat(open.handle("GET", "/admin/maintenance", null, "", "192.0.2.1").status()).isEqualTo(200);
    }

    @Test
    void aMissingOrWrongTokenIs401WithAChallenge() {
        RenderedResponse missing = admin.handle("POST", "/admin/maintenance", null, "{}", "192.0.2.1");
        RenderedResponse wrong = admin.handle("POST", "/admin/maintenance", "Bearer " + TOKEN + "x", "{}", "192.0.2.1");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"sluice\"");
        assertThat(sluice.admin().state().maintenance()).isEmpty();
    }

    @Test
    void getPostAndDeleteReadAndSwitchTheState() {
        assertThat(body(admin.handle("GET", "/a", "Bearer " + TOKEN, "", "p"))).contains("\"active\":false");

        RenderedResponse on = admin.handle("POST", "/a", "bearer " + TOKEN, "{\"mode\":\"READ_ONLY\",\"message\":\"m\"}", "p");
        assertThat(on.status()).isEqualTo(200);
        assertThat(body(on)).contains("\"active\":true").contains("\"mode\":\"READ_ONLY\"");

        RenderedResponse off = admin.handle("DELETE", "/a", "Bearer " + TOKEN, "", "p");
        assertThat(body(off)).contains("\"active\":false");
    }

    @Test
    void badInputIs400NamingTheFieldAndChangesNothing() {
        RenderedResponse r = admin.handle("POST", "/a", "Bearer " + TOKEN, "{\"mode\":\"SOMETIMES\"}", "p");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(r)).contains("\"field\":\"mode\"");
        assertThat(sluice.admin().state().maintenance()).isEmpty();
    }

    @Test
    void otherMethodsAre405WithAllow() {
        RenderedResponse r = admin.handle("PATCH", "/a", "Bearer " + TOKEN, "", "p");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("POST");
    }

    @Test
    void theStateListsTheClientLimitPoliciesButNoKeys() {
        Sluice limited = Sluice.create(SluiceConfig.builder().adminToken(TOKEN).properties(java.util.Map.of(
                "sluice.client-limits.policies.quota.routes", "/quota",
                "sluice.client-limits.policies.quota.limits", "5/10s",
                "sluice.client-limits.policies.quota.key", "api-key-or-ip")).build());
        limited.admit(dev.sluice.TestRequest.get("/quota").header("X-Api-Key", "secret-client-key"));

        String state = body(limited.adminHttp().handle("GET", "/a", "Bearer " + TOKEN, "", "p"));

        assertThat(state).contains("\"clientLimits\":[{\"policy\":\"quota\",\"routes\":[\"/quota\"],\"methods\":[],\"limits\":[\"5/PT10S\"],\"refill\":\"INTERVAL\",\"key\":\"API_KEY_OR_IP\"}]")
                .doesNotContain("secret-client-key");
    }

    @Test
    void anUnknownDependencyIs404() {
        RenderedResponse r = admin.handleDependency("POST", "/admin/dependencies/x", "x", "Bearer " + TOKEN, "{\"override\":\"open\"}", "p");

        assertThat(r.status()).isEqualTo(404);
    }
}
