package dev.sluice.http;

import java.util.Objects;

/**
 * How Sluice writes its own responses ({@code sluice.response.*}).
 *
 * @param retryAfterFormat  delay-seconds (default) or IMF-fixdate
 * @param problemTypeBase   prefix of the problem {@code type} URI; the reason's slug is appended after a {@code /}
 * @param htmlTemplate      page that replaces the built-in HTML page, with {@code {{placeholders}}}
 *                          (see {@link HtmlPage}); {@code null} for the built-in one
 * @param htmlRefresh       which HTML pages reload themselves once their Retry-After has passed
 */
public record ResponseConfig(RetryAfterFormat retryAfterFormat, String problemTypeBase, String htmlTemplate, HtmlRefresh htmlRefresh) {

    /** Which HTML pages send {@code Refresh}: maintenance pages (the default), every page with a Retry-After, none. */
    public enum HtmlRefresh { MAINTENANCE, ALL, NONE }

    public static final String DEFAULT_PROBLEM_TYPE_BASE = "https://sluice.dev/problems";

    public ResponseConfig {
        Objects.requireNonNull(retryAfterFormat, "retryAfterFormat");
        Objects.requireNonNull(problemTypeBase, "problemTypeBase");
        Objects.requireNonNull(htmlRefresh, "htmlRefresh");
        while (problemTypeBase.endsWith("/")) {
            problemTypeBase = problemTypeBase.substring(0, problemTypeBase.length() - 1);
        }
    }

    public static ResponseConfig defaults() {
        return new ResponseConfig(RetryAfterFormat.DELAY_SECONDS, DEFAULT_PROBLEM_TYPE_BASE, null, HtmlRefresh.MAINTENANCE);
    }
}
