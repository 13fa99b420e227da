package dev.sluice.http;

import java.util.Objects;

/**
 * How Sluice writes its own responses ({@code sluice.response.*}).
 *
 * @param retryAfterFormat  delay-seconds (default) or IMF-fixdate
 * @param problemTypeBase   prefix of the problem {@code type} URI; the reason's slug is appended after a {@code /}
 * @param htmlTemplate      page that replaces the built-in HTML page, with {@code {{placeholders}}}
 *                          (see {@link HtmlPage}); {@code null} for the built-in one
 */
public record ResponseConfig(RetryAfterFormat retryAfterFormat, String problemTypeBase, String htmlTemplate) {

    public static final String DEFAULT_PROBLEM_TYPE_BASE = "https://sluice.dev/problems";

    public ResponseConfig {
        Objects.requireNonNull(retryAfterFormat, "retryAfterFormat");
        Objects.requireNonNull(problemTypeBase, "problemTypeBase");
        while (problemTypeBase.endsWith("/")) {
            problemTypeBase = problemTypeBase.substring(0, problemTypeBase.length() - 1);
        }
    }

    public static ResponseConfig defaults() {
        return new ResponseConfig(RetryAfterFormat.DELAY_SECONDS, DEFAULT_PROBLEM_TYPE_BASE, null);
    }
}
