package dev.sluice.contract;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §7: the admin surface lets no one in where they don't belong, and bad input changes nothing. */
public interface AdminContract extends ContractBase {

    @Test
    default void withoutATokenNothingCanBeReadOrSwitched() throws Exception {
        assertThat(admin("GET", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> write = admin("POST", "{}", null);

        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(adminState().path("maintenance").path("active").asBoolean()).isFalse();
    }

    @Test
    default void aWrongTokenIs401WithAChallenge() throws Exception {
        HttpResponse<String> r = admin("POST", "{}", "wrong-token-but-long-enough");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWithIgnoringCase("Bearer"));
        assertThat(get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    default void malformedJsonIs400NamingTheBody() throws Exception {
        assertBadInput("{\"mode\":", "body");
    }

    @Test
    default void anUnknownModeIs400NamingTheMode() throws Exception {
        assertBadInput("{\"mode\":\"PARTIAL\"}", "mode");
    }

    @Test
    default void anEndInThePastIs400NamingUntil() throws Exception {
        assertBadInput("{\"until\":\"2020-01-01T00:00:00Z\"}", "until");
    }

    @Test
    default void aNegativeDurationIs400NamingDuration() throws Exception {
        assertBadInput("{\"duration\":\"-PT5M\"}", "duration");
    }

    @Test
    default void anUnknownMemberIs400NamingIt() throws Exception {
        assertBadInput("{\"mood\":\"FULL\"}", "mood");
    }

    private void assertBadInput(String json, String field) throws Exception {
        HttpResponse<String> r = admin("POST", json, ContractSettings.ADMIN_TOKEN);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(r.body()).path("field").asText()).isEqualTo(field);
        assertThat(adminState().path("maintenance").path("active").asBoolean()).as("the state is unchanged").isFalse();
        assertThat(get("/hello").statusCode()).isEqualTo(200);
    }
}
