package dev.sluice.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeaderTest {

    @Test
    void theResetOfAnExhaustedQuotaIsItsT() {
        assertThat(RateLimitHeader.resetSeconds(List.of("\"quota\";r=0;t=7"))).hasValue(7);
    }

    @Test
    void aQuotaWithRequestsLeftDoesNotHoldTheClientBack() {
        assertThat(RateLimitHeader.resetSeconds(List.of("\"quota\";r=3;t=7"))).isEmpty();
    }

    @Test
    void theLatestResetAmongExhaustedQuotasWins() {
        assertThat(RateLimitHeader.resetSeconds(List.of("\"burst\";r=0;t=2, \"day\";r=0;t=3600, \"minute\";r=5;t=50"))).hasValue(3600);
    }

    @Test
    void aListSplitOverSeveralFieldLinesIsOneList() {
        assertThat(RateLimitHeader.resetSeconds(List.of("\"burst\";r=0;t=2", "\"minute\";r=0;t=50"))).hasValue(50);
    }

    @Test
    void tokensParametersInAnyOrderAndOtherParametersAreFine() {
        assertThat(RateLimitHeader.resetSeconds(List.of("default;t=9;pk=:cHJpdmF0ZQ==:;r=0;x=\"a;b,c\";flag"))).hasValue(9);
    }

    @Test
    void anAbsentFieldSaysNothing() {
        assertThat(RateLimitHeader.resetSeconds(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"quota\";r=0;t=-1", "\"quota\";r=0;t=1.5", "\"quota\";r=0;t=\"7\"", "\"quota\";r=0",
            "\"quota\";r=0;t=9999999999999999", "\"quota\";r=0;t=7,", "\"quota\" r=0;t=7", "\"unterminated;r=0;t=7",
            "limit=10, remaining=0, reset=7", "\"quota\";R=0;T=7", ""})
    void aBrokenOrUnusableFieldIsIgnored(String field) {
        assertThat(RateLimitHeader.resetSeconds(List.of(field))).as(field).isEmpty();
    }

    @Test
    void oneBrokenMemberSpoilsTheWholeFieldAsStructuredFieldsSay() {
        assertThat(RateLimitHeader.resetSeconds(List.of("\"a\";r=0;t=7, \"b\";r=0;t=?2"))).isEmpty();
    }

    @Test
    void anInnerListMemberIsSkipped() {
        assertThat(RateLimitHeader.resetSeconds(List.of("(\"x\" \"y\");r=0;t=99, \"quota\";r=0;t=4"))).hasValue(4);
    }
}
