package dev.sluice.internal.admin;

import dev.sluice.Admission;
import dev.sluice.Sluice;
import dev.sluice.SluiceConfig;
import dev.sluice.TestRequest;
import dev.sluice.internal.http.RenderedResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §7, "no admin input, however built, makes ordinary requests fail": every JSON body an operator (or
 * an attacker holding the token) can post ends either as 200 with a state under which an ordinary request is
 * admitted or refused 503, rendered in every format, or as 400 with the state unchanged. Never an exception,
 * never a partial change.
 */
class AdminInputPropertiesTest {

    private static final String TOKEN = "admin-token-0123456789";

    @Property(tries = 2000)
    void everyAdminBodyEndsAs200WithAServableStateOr400WithTheStateUnchanged(@ForAll("bodies") String body) {
        Sluice sluice = Sluice.create(SluiceConfig.builder().adminToken(TOKEN).maintenanceRetryAfter(java.time.Duration.ofMinutes(5)).build());
        String before = sluice.admin().state().maintenance().toString();

        RenderedResponse answer = sluice.adminHttp().handle(new AdminRequest("POST", "/admin/maintenance", "application/json",
                "Bearer " + TOKEN, body.getBytes(StandardCharsets.UTF_8), "192.0.2.1", AdminCaller.ANONYMOUS));

        assertThat(answer.status()).as(body).isIn(200, 400);
        if (answer.status() == 400) {
            assertThat(sluice.admin().state().maintenance().toString()).as("unchanged after %s", body).isEqualTo(before);
            return;
        }
        for (String path : List.of("/", "/payments/1", "/orders", "/a/b/c")) {
            for (String method : List.of("GET", "POST")) {
                for (String accept : List.of("application/json", "text/html", "text/plain")) {
                    TestRequest r = TestRequest.of(method, path).header("Accept", accept);
                    Admission a = sluice.admit(r);
                    if (a instanceof Admission.Rejected rejected) {
                        assertThat(rejected.rejection().status()).isEqualTo(503);
                        assertThat(sluice.renderer().render(rejected.rejection(), r).status()).isEqualTo(503);
                    } else {
                        assertThat(a).isInstanceOf(Admission.Admitted.class);
                    }
                }
            }
        }
        assertThat(sluice.admin().state().toJson()).contains("\"active\":");
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> member = Arbitraries.oneOf(
                value("mode", Arbitraries.of("\"FULL\"", "\"READ_ONLY\"", "\"read-only\"", "\"PARTIAL\"", "1", "null", "[]", "{}")),
                value("message", Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(AdminInputPropertiesTest::quoted),
                        Arbitraries.of("1", "null", "true"))),
                value("until", instants()),
                value("duration", durations()),
                value("retryAfter", durations()),
                value("since", instants()),
                value("scope", Arbitraries.oneOf(
                        Arbitraries.of("/payments/**", "/a/*/b", "/**", "/", "x", "/a/**b", "/" + "*a".repeat(20) + "b")
                                .list().ofMaxSize(4).map(l -> l.stream().map(AdminInputPropertiesTest::quoted).collect(Collectors.joining(",", "[", "]"))),
                        Arbitraries.of("\"/payments/**\"", "[1]", "[null]", "{}"))),
                value("mood", Arbitraries.of("\"FULL\"")));
        Arbitrary<String> object = member.list().ofMaxSize(5).map(m -> m.stream().collect(Collectors.joining(",", "{", "}")));
        return Arbitraries.oneOf(object, object, object,
                Arbitraries.of("", " ", "{", "[]", "null", "\"FULL\"", "{}{}", "{\"mode\":\"FULL\"", "{\"mode\" \"FULL\"}"),
                Arbitraries.strings().ofMaxLength(30));
    }

    private static Arbitrary<String> value(String name, Arbitrary<String> json) {
        return json.map(v -> quoted(name) + ":" + v);
    }

    private static Arbitrary<String> instants() {
        Instant now = Instant.now();
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-400L * 86400, 400L * 86400).map(s -> quoted(now.plusSeconds(s).toString())),
                Arbitraries.of("+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z",
                        "1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-24T10:00:00+25:00", "yesterday", "").map(AdminInputPropertiesTest::quoted),
                Arbitraries.of("1", "null", "[]"));
    }

    private static Arbitrary<String> durations() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.longs().between(-10, 10_000_000_000_000L), Arbitraries.of("S", "M", "H"))
                        .as((n, unit) -> quoted("PT" + n + unit)),
                Arbitraries.longs().between(-10, 500).map(d -> quoted("P" + d + "D")),
                Arbitraries.of("PT0S", "PT-5M", "P366D", "P367D", "PT8784H", "PT8785H", "PT9223372036854775807S", "soon", "5m", "")
                        .map(AdminInputPropertiesTest::quoted),
                Arbitraries.of("300", "null"));
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
