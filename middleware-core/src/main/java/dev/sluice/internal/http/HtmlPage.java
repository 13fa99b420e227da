package dev.sluice.internal.http;

import dev.sluice.http.RetryAfter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML page for browsers: small, self-contained (no external assets), readable by screen readers, with a
 * margin on narrow screens and dark-mode colours. The time to come back is written in UTC and, where scripts
 * run, rewritten in the reader's own time zone by a few lines of inline script (the page reads correctly
 * without them). A user template replaces the built-in one; these placeholders are filled in, HTML-escaped:
 * {@code {{status}}}, {@code {{title}}}, {@code {{detail}}}, {@code {{instance}}},
 * {@code {{retryAfterSeconds}}} and {@code {{retryAt}}} (ISO-8601 instant; both empty when unknown),
 * {@code {{retryAtText}}} (e.g. "24 Nov 2026, 10:00 UTC"), {@code {{refreshSeconds}}} (when the page reloads
 * itself through the {@code Refresh} header, or empty).
 */
final class HtmlPage {

    private static final DateTimeFormatter HUMAN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static final String BUILT_IN = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{status}} {{title}}</title>
            <style>
            body{margin:0;font:1.1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f7f9;color:#1b1f24}
            main{box-sizing:border-box;max-width:36rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 4px rgba(0,0,0,.12)}
            @media (max-width:40rem){main{margin:6vh 1rem;padding:1.5rem}}
            h1{font-size:1.6rem;margin:0 0 1rem}
            p{margin:.5rem 0}
            .code{color:#57606a;font-size:.95rem}
            @media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}main{background:#161b22}.code{color:#9da7b3}}
            </style>
            </head>
            <body>
            <main>
            <h1>{{title}}</h1>
            <p>{{detail}}</p>
            {{retryParagraph}}
            <p class="code">HTTP {{status}}</p>
            </main>
            <script>
            document.querySelectorAll("time[datetime]").forEach(function(t){var d=new Date(t.dateTime);if(!isNaN(d)){t.textContent=d.toLocaleString(undefined,{year:"numeric",month:"short",day:"numeric",hour:"2-digit",minute:"2-digit",timeZoneName:"short"});}});
            </script>
            </body>
            </html>
            """;

    private HtmlPage() {
    }

    static String render(String template, int status, String title, String detail, String instance,
                         RetryAfter retryAfter, long refreshSeconds) {
        boolean builtIn = template == null;
        String page = builtIn ? BUILT_IN : template;
        String retrySeconds = retryAfter == null ? "" : Long.toString(retryAfter.seconds());
        String retryAt = retryAfter == null ? "" : retryAfter.at().toString();
        String retryAtText = retryAfter == null ? "" : HUMAN.format(retryAfter.at());
        String reloadSentence = refreshSeconds > 0 ? " This page reloads itself then." : "";
        String retryParagraph = retryAfter == null ? ""
                : "<p>Please try again after <time datetime=\"" + escape(retryAt) + "\">" + escape(retryAtText)
                + "</time> (in about " + escape(humanDelay(retryAfter.seconds())) + ")." + reloadSentence + "</p>";
        String refresh = refreshSeconds > 0 ? Long.toString(refreshSeconds) : "";
        Map<String, String> values = Map.of(
                "{{refreshSeconds}}", refresh,
                "{{status}}", Integer.toString(status),
                "{{title}}", escape(title),
                "{{detail}}", escape(detail),
                "{{instance}}", escape(instance == null ? "" : instance),
                "{{retryAfterSeconds}}", retrySeconds,
                "{{retryAt}}", escape(retryAt),
                "{{retryAtText}}", escape(retryAtText),
                "{{retryParagraph}}", builtIn ? retryParagraph : "");
        StringBuilder out = new StringBuilder(page.length() + 256);
        int i = 0;
        while (i < page.length()) {
            int open = page.indexOf("{{", i);
            if (open < 0) {
                out.append(page, i, page.length());
                break;
            }
            int close = page.indexOf("}}", open);
            if (close < 0) {
                out.append(page, i, page.length());
                break;
            }
            String key = page.substring(open, close + 2);
            String value = values.get(key);
            out.append(page, i, open).append(value != null ? value : key);
            i = close + 2;
        }
        return out.toString();
    }

    static String humanDelay(long seconds) {
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 90) {
            return minutes + " minutes";
        }
        long hours = (minutes + 59) / 60;
        return hours + " hours";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
