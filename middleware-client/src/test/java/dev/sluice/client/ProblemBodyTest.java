package dev.sluice.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemBodyTest {

    @Test
    void theTopLevelRetryAfterOfASluiceProblemIsRead() {
        String body = "{\"type\":\"https://sluice.dev/problems/maintenance\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"Back soon\",\"instance\":\"/hello\",\"retryAfter\":120}";

        assertThat(ProblemBody.retryAfterSeconds(body)).hasValue(120);
    }

    @Test
    void membersBeforeItMayBeNestedOrEscaped() {
        String body = "{ \"a\" : [1, {\"retryAfter\": 999}, \"x\\\"}\"], \"b\": {\"c\": null, \"d\": true}, \"e\": -1.5e3,\n"
                + " \"retryAfter\" : 5 }";

        assertThat(ProblemBody.retryAfterSeconds(body)).hasValue(5);
    }

    @Test
    void aFractionIsRoundedUp() {
        assertThat(ProblemBody.retryAfterSeconds("{\"retryAfter\":1.2}")).hasValue(2);
        assertThat(ProblemBody.retryAfterSeconds("{\"retryAfter\":3.000}")).hasValue(3);
    }

    @Test
    void aHugeNumberSaturates() {
        assertThat(ProblemBody.retryAfterSeconds("{\"retryAfter\":123456789012345678901234567890}")).hasValue(Long.MAX_VALUE);
    }

    @Test
    void anEscapedMemberNameIsStillTheName() {
        assertThat(ProblemBody.retryAfterSeconds("{\"retry\\u0041fter\":8}")).hasValue(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"detail\":\"retryAfter\"}", "{\"nested\":{\"retryAfter\":5}}", "{\"retryAfter\":\"5\"}",
            "{\"retryAfter\":-5}", "{\"retryAfter\":1e3}", "{\"retryAfter\":null}", "[{\"retryAfter\":5}]", "retryAfter: 5",
            "", "{", "{\"retryAfter\"", "{\"retryAfter\":05}", "<html>503</html>"})
    void anythingButATopLevelNonNegativeNumberIsNoValue(String body) {
        assertThat(ProblemBody.retryAfterSeconds(body)).as(body).isEmpty();
    }

    @Test
    void nestingDeepEnoughToHurtIsRefused() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"retryAfter\":5}";

        assertThat(ProblemBody.retryAfterSeconds(deep)).isEmpty();
    }

    @Test
    void aBodyLargerThanAProblemDocumentIsNotScanned() {
        String big = "{\"detail\":\"" + "x".repeat(ProblemBody.MAX_LENGTH) + "\",\"retryAfter\":5}";

        assertThat(ProblemBody.retryAfterSeconds(big)).isEmpty();
    }
}
