package dev.sluice.internal.http;

/** The representations Sluice writes for its own responses. */
enum BodyFormat {
    PROBLEM_JSON("application/problem+json"),
    HTML("text/html;charset=utf-8"),
    TEXT("text/plain;charset=utf-8");

    private final String contentType;

    BodyFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
