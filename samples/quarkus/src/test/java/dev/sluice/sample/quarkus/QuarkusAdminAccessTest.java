package dev.sluice.sample.quarkus;

import dev.sluice.contract.AdminAccessContract;
import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;

/** The admin-access contract against the Quarkus sample with Quarkus security (HTTP Basic, embedded users) and the admin at /ops/switch. */
@QuarkusTest
@TestProfile(QuarkusAdminAccessTest.Profile.class)
class QuarkusAdminAccessTest implements AdminAccessContract {

    @TestHTTPResource("/")
    URL base;

    @Override
    public AppUnderTest app() {
        return AppUnderTest.of(URI.create("http://127.0.0.1:" + base.getPort()), CUSTOM_ADMIN_PATH, "/q/health/ready", "/q/health/live");
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> p = new HashMap<>(ContractSettings.properties());
            p.put("sluice.admin.path", CUSTOM_ADMIN_PATH);
            p.put("quarkus.http.auth.basic", "true");
            p.put("quarkus.security.users.embedded.enabled", "true");
            p.put("quarkus.security.users.embedded.plain-text", "true");
            p.put("quarkus.security.users.embedded.users.ops", "ops-password");
            p.put("quarkus.security.users.embedded.roles.ops", "SLUICE_ADMIN");
            p.put("quarkus.security.users.embedded.users.dev", "dev-password");
            p.put("quarkus.security.users.embedded.roles.dev", "DEVELOPER");
            return p;
        }
    }
}
