package dev.sluice.contract;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §7 with the framework's own security and an admin moved elsewhere: the app under test serves its
 * admin at {@link #CUSTOM_ADMIN_PATH} ({@code sluice.admin.path}), keeps the bearer token
 * {@link ContractSettings#ADMIN_TOKEN}, and authenticates with HTTP Basic two users: {@code ops} with the role
 * {@code SLUICE_ADMIN} and {@code dev} without it. Every adapter runs it against such an app.
 */
public interface AdminAccessContract {

    String CUSTOM_ADMIN_PATH = "/ops/switch";
    String OPS = basic("ops", "ops-password");
    String DEV = basic("dev", "dev-password");

    /** The app under test, with its admin at {@link #CUSTOM_ADMIN_PATH}. */
    AppUnderTest app();

    private ContractBase kit() {
        return this::app;
    }

    @AfterEach
    default void customAdminOff() throws Exception {
        assertThat(admin("DELETE", CUSTOM_ADMIN_PATH, null, "Bearer " + ContractSettings.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    default void aCustomAdminPathAndItsDependencyResourceStayReachableDuringMaintenance() throws Exception {
        assertThat(admin("POST", CUSTOM_ADMIN_PATH, "{}", "Bearer " + ContractSettings.ADMIN_TOKEN).statusCode()).isEqualTo(200);

        assertThat(kit().get("/hello").statusCode()).as("the application").isEqualTo(503);
        HttpResponse<String> dependency = admin("GET", "/ops/dependencies/payments", null, "Bearer " + ContractSettings.ADMIN_TOKEN);
        assertThat(dependency.statusCode()).as("<admin>/dependencies/payments during maintenance: %s", dependency.body()).isEqualTo(200);
        HttpResponse<String> state = admin("GET", CUSTOM_ADMIN_PATH, null, "Bearer " + ContractSettings.ADMIN_TOKEN);
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"active\":true");
    }

    @Test
    default void aUserWithTheAdminRoleSwitchesWithoutTheToken() throws Exception {
        HttpResponse<String> on = admin("POST", CUSTOM_ADMIN_PATH, "{\"message\":\"by ops\"}", OPS);

        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(on.body()).contains("by ops");
        assertThat(kit().get("/hello").statusCode()).isEqualTo(503);
        assertThat(admin("DELETE", CUSTOM_ADMIN_PATH, null, OPS).statusCode()).isEqualTo(200);
        assertThat(kit().get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    default void aSignedInUserWithoutTheRoleIs403AndAnonymousIs401() throws Exception {
        assertThat(admin("POST", CUSTOM_ADMIN_PATH, "{}", DEV).statusCode()).as("dev, no role, no token").isEqualTo(403);
        assertThat(admin("POST", CUSTOM_ADMIN_PATH, "{}", null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(admin("GET", "/ops/dependencies/payments", null, DEV).statusCode()).as("dependencies, dev").isEqualTo(403);
        assertThat(kit().get("/hello").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> admin(String method, String path, String json, String authorization) throws Exception {
        return authorization == null
                ? kit().send(method, path, json, "Content-Type", "application/json")
                : kit().send(method, path, json, "Content-Type", "application/json", "Authorization", authorization);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
