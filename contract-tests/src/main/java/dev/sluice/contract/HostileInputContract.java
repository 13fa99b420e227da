package dev.sluice.contract;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §5, §7 and §9 as an attacker tries them: a path spelled so that it looks exempt, out of scope
 * or unlimited to Sluice while the framework routes it to the protected handler; a forwarding header the
 * client wrote itself; admin writes from a cross-site form; admin values that would overflow. Paths go
 * over a raw socket, byte for byte as written here (an HTTP client library might normalise them first).
 */
public interface HostileInputContract extends ContractBase {

    /** Statuses a re-spelled path may get: Sluice's own answer, or 400 for a path that is ambiguous. */
    List<Integer> REFUSED_OR_BAD_REQUEST = List.of(503, 400);

    /**
     * Spellings of {@code path} that every framework here routes (or refuses) as {@code path}: encoded
     * letters, path parameters, doubled and trailing slashes, and dot-segments, also through the exempt
     * roots (the probes' and the admin's parents), where a naive prefix match would see an exempt path.
     */
    default List<String> spellings(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        String head = path.substring(0, path.lastIndexOf('/') + 1);
        List<String> out = new ArrayList<>(List.of(
                head + last.substring(0, last.length() - 1) + "%" + Integer.toHexString(last.charAt(last.length() - 1)), // /hell%6f
                head + "%" + Integer.toHexString(last.charAt(0)).toUpperCase() + last.substring(1),                       // /%68ello
                path + ";x=1",
                path + "/",
                "/" + path,
                "/./" + path.substring(1),
                "/x/.." + path,
                "/x/%2e%2e" + path,
                "/x/%2E%2E" + path));
        for (String root : List.of(parent(app().readinessPath()), parent(app().adminPath()))) { // e.g. /q/health and /q
            int depth = root.split("/").length - 1;
            out.add(root + "/..".repeat(depth) + path);
            out.add(root + "/%2e%2e".repeat(depth) + path);
            out.add(root + "/..;".repeat(depth) + path);
        }
        return out;
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    @Test
    default void duringMaintenanceNoSpellingOfAPathLooksExemptOrGetsServed() throws Exception {
        maintenanceOn("{}");

        for (String spelling : spellings("/hello")) {
            assertThat(rawStatus("GET", spelling)).as("GET %s during maintenance", spelling).isIn(REFUSED_OR_BAD_REQUEST);
        }
        assertThat(get(app().readinessPath()).statusCode()).as("the probe itself stays exempt").isEqualTo(200);
    }

    @Test
    default void noSpellingEscapesAScopedMaintenance() throws Exception {
        maintenanceOn("{\"scope\":[\"/payments/**\"]}");

        for (String spelling : spellings("/payments")) {
            assertThat(rawStatus("GET", spelling)).as("GET %s under a scope of /payments/**", spelling).isIn(REFUSED_OR_BAD_REQUEST);
        }
        assertThat(rawStatus("GET", "/hello")).as("outside the scope").isEqualTo(200);
    }

    @Test
    default void noSpellingEscapesAClientLimit() throws Exception {
        String key = "X-Api-Key: kit-" + UUID.randomUUID();
        for (int i = 1; i <= 5; i++) {
            assertThat(rawStatus("GET", "/quota", key)).as("request %d of 5", i).isEqualTo(200);
        }

        for (String spelling : spellings("/quota")) {
            assertThat(rawStatus("GET", spelling, key)).as("GET %s after the quota is spent", spelling).isIn(429, 400);
        }
    }

    @Test
    default void anEncodedSlashOrADotSegmentAboveTheRootIsABadRequestNeverExempt() throws Exception {
        maintenanceOn("{}");

        for (String ambiguous : List.of(parent(app().readinessPath()) + "%2F..%2F..%2Fhello", "/hello%2Fx", "/..%2Fhello", "/../hello",
                "/hel%00lo")) {
            assertThat(rawStatus("GET", ambiguous)).as("GET %s", ambiguous).isEqualTo(400);
        }
    }

    @Test
    default void aForwardedHeaderTheClientWroteItselfIsNotBelieved() throws Exception {
        maintenanceOn("{}");

        // A proxy that appends X-Forwarded-For passes the client's own Forwarded header through untouched.
        assertThat(rawStatus("GET", "/hello", "Forwarded: for=203.0.113.7", "X-Forwarded-For: 198.51.100.9"))
                .as("Forwarded claims an allow-listed address; the proxy's X-Forwarded-For says otherwise").isEqualTo(503);
        assertThat(rawStatus("GET", "/hello", "X-Forwarded-For: 203.0.113.7", "X-Forwarded-For: 198.51.100.9"))
                .as("every X-Forwarded-For line counts, right to left").isEqualTo(503);
        assertThat(rawStatus("GET", "/hello", "X-Forwarded-For: 198.51.100.9, 203.0.113.7"))
                .as("the hop the trusted proxy appended decides").isEqualTo(200);
    }

    @Test
    default void aFreshForwardedHeaderPerRequestDoesNotResetTheClientsCount() throws Exception {
        String client = "X-Forwarded-For: 198.51.100." + (1 + (int) (Math.random() * 250));
        int last = 0;
        for (int i = 0; i < 6; i++) {
            last = rawStatus("GET", "/quota", "Forwarded: for=192.0.2." + (10 + i), client);
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    default void adminWritesNeedAJsonContentTypeSoACrossSiteFormCannotSwitchMaintenance() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<String> r = send("POST", app().adminPath(), "{\"mode\":\"FULL\"}", "Content-Type", type,
                    "Authorization", "Bearer " + ContractSettings.ADMIN_TOKEN);
            assertThat(r.statusCode()).as("POST with %s", type).isEqualTo(415);
        }
        HttpResponse<String> none = send("POST", app().adminPath(), "", "Authorization", "Bearer " + ContractSettings.ADMIN_TOKEN);
        assertThat(none.statusCode()).as("POST without a Content-Type").isEqualTo(415);
        assertThat(adminState().path("maintenance").path("active").asBoolean()).as("nothing was switched").isFalse();
        assertThat(get("/hello").statusCode()).isEqualTo(200);

        HttpResponse<String> json = send("POST", app().adminPath(), "{}", "Content-Type", "application/json; charset=utf-8",
                "Authorization", "Bearer " + ContractSettings.ADMIN_TOKEN);
        assertThat(json.statusCode()).as("application/json with a charset").isEqualTo(200);
    }

    @Test
    default void adminValuesThatWouldOverflowAre400AndServingGoesOn() throws Exception {
        for (String[] input : List.of(
                new String[] {"{\"until\":\"+300000000-01-01T00:00:00Z\"}", "until"},
                new String[] {"{\"duration\":\"PT5000000000000H\"}", "duration"},
                new String[] {"{\"retryAfter\":\"PT10000000000000H\"}", "retryAfter"},
                new String[] {"{\"duration\":\"PT9000H\"}", "duration"})) {
            HttpResponse<String> r = admin("POST", input[0], ContractSettings.ADMIN_TOKEN);
            assertThat(r.statusCode()).as("%s: %s", input[0], r.body()).isEqualTo(400);
            assertThat(json(r.body()).path("field").asText()).isEqualTo(input[1]);
            assertThat(get("/hello").statusCode()).as("after %s", input[0]).isEqualTo(200);
        }
        assertThat(adminState().path("maintenance").path("active").asBoolean()).isFalse();
    }
}
