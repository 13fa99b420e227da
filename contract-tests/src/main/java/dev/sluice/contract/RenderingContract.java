package dev.sluice.contract;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §2 (headers on every rejection) and §3 (body by content negotiation; HEAD). */
public interface RenderingContract extends ContractBase {

    String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private HttpResponse<String> rejected(String... headers) throws Exception {
        maintenanceOn("{\"message\":\"Down <for> maintenance\",\"retryAfter\":\"PT2M\"}");
        return get("/hello", headers);
    }

    @Test
    default void apiClientsGetProblemJsonByDefault() throws Exception {
        HttpResponse<String> none = rejected();
        HttpResponse<String> any = get("/hello", "Accept", "*/*");
        HttpResponse<String> jsonAccept = get("/hello", "Accept", "application/json");

        for (HttpResponse<String> r : new HttpResponse[] {none, any, jsonAccept}) {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(r.body()).contains("\"status\":503");
        }
    }

    @Test
    default void browsersGetASelfContainedHtmlPageWithStatus503() throws Exception {
        HttpResponse<String> r = rejected("Accept", BROWSER_ACCEPT);

        assertThat(r.statusCode()).as("a maintenance page served with 200 is a soft error").isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("<html").contains("Down &lt;for&gt; maintenance")
                .doesNotContain("<link").doesNotContain("src=\"http").doesNotContain("<script src");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("120");
    }

    @Test
    default void plainTextForClientsThatAskForIt() throws Exception {
        HttpResponse<String> r = rejected("Accept", "text/plain");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).contains("Down <for> maintenance");
    }

    @Test
    default void contentLengthIsTheBodyLength() throws Exception {
        for (String accept : new String[] {"application/json", BROWSER_ACCEPT, "text/plain"}) {
            HttpResponse<String> r = rejected("Accept", accept);
            assertThat(r.headers().firstValue("Content-Length")).as(accept)
                    .hasValue(Integer.toString(r.body().getBytes(StandardCharsets.UTF_8).length));
        }
    }

    @Test
    default void headGetsTheHeadersAndNoBody() throws Exception {
        maintenanceOn("{\"retryAfter\":\"PT2M\"}");

        HttpResponse<String> r = send("HEAD", "/hello", null, "Accept", "application/json");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("120");
        assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.body()).isEmpty();
    }

    @Test
    default void noHeaderNamesAnInternalHostOrStackTrace() throws Exception {
        HttpResponse<String> r = rejected("Accept", "application/json");

        r.headers().map().forEach((name, values) -> assertThat(String.join(",", values)).as(name)
                .doesNotContain("Exception").doesNotContain("at dev.sluice"));
        assertThat(r.body()).doesNotContain("Exception");
    }
}
