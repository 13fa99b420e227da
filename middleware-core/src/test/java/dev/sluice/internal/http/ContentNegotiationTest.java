package dev.sluice.internal.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentNegotiationTest {

    @Test
    void apiClientsAndClientsWithoutPreferenceGetProblemJson() {
        assertThat(ContentNegotiation.choose(null)).isEqualTo(BodyFormat.PROBLEM_JSON);
        assertThat(ContentNegotiation.choose("*/*")).isEqualTo(BodyFormat.PROBLEM_JSON);
        assertThat(ContentNegotiation.choose("application/json")).isEqualTo(BodyFormat.PROBLEM_JSON);
        assertThat(ContentNegotiation.choose("application/problem+json")).isEqualTo(BodyFormat.PROBLEM_JSON);
    }

    @Test
    void browsersGetHtml() {
        assertThat(ContentNegotiation.choose("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"))
                .isEqualTo(BodyFormat.HTML);
    }

    @Test
    void plainTextWhenItIsPreferred() {
        assertThat(ContentNegotiation.choose("text/plain")).isEqualTo(BodyFormat.TEXT);
        assertThat(ContentNegotiation.choose("text/plain, application/json;q=0.5")).isEqualTo(BodyFormat.TEXT);
    }

    @Test
    void qualityValuesDecideAndZeroMeansNotAcceptable() {
        assertThat(ContentNegotiation.choose("text/html;q=0.4, application/json;q=0.9")).isEqualTo(BodyFormat.PROBLEM_JSON);
        assertThat(ContentNegotiation.choose("application/json;q=0, text/html")).isEqualTo(BodyFormat.HTML);
        assertThat(ContentNegotiation.choose("*/*;q=0.1, text/plain;q=0.5")).isEqualTo(BodyFormat.TEXT);
    }

    @Test
    void aClientThatAcceptsNoneOfThemStillGetsProblemJson() {
        assertThat(ContentNegotiation.choose("image/png")).isEqualTo(BodyFormat.PROBLEM_JSON);
    }
}
