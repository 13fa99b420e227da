package dev.sluice;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property tables of {@code docs/configuration.md} are generated from {@link PropertyCatalogue}: each sits
 * between {@code <!-- catalogue: <section> -->} and {@code <!-- /catalogue -->}, and this test fails when one
 * differs from what the catalogue says, or a section of the catalogue has no table. To rewrite them:
 * {@code ./mvnw -pl middleware-core test -Dtest=ConfigurationDocsTest -Dsluice.docs.write=true}.
 */
class ConfigurationDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "configuration.md");
    private static final Pattern TABLE = Pattern.compile("<!-- catalogue: ([^>]+?) -->\\n(.*?)<!-- /catalogue -->", Pattern.DOTALL);

    @Test
    void thePropertyTablesAreTheCatalogues() throws IOException {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        StringBuilder rewritten = new StringBuilder();
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = TABLE.matcher(docs);
        int at = 0;
        while (m.find()) {
            String section = m.group(1);
            documented.add(section);
            rewritten.append(docs, at, m.start()).append("<!-- catalogue: ").append(section).append(" -->\n")
                    .append(table(section)).append("<!-- /catalogue -->");
            at = m.end();
        }
        rewritten.append(docs.substring(at));
        if (Boolean.getBoolean("sluice.docs.write")) {
            Files.writeString(DOCS, rewritten.toString(), StandardCharsets.UTF_8);
        }

        Set<String> sections = new LinkedHashSet<>(PropertyCatalogue.properties().stream().map(PropertyCatalogue.Property::section).toList());
        assertThat(documented).as("a table for every section of the catalogue").containsAll(sections);
        assertThat(docs).as("docs/configuration.md: run with -Dsluice.docs.write=true to regenerate the tables")
                .isEqualTo(rewritten.toString());
    }

    static String table(String section) {
        StringBuilder t = new StringBuilder("| property | default | meaning |\n|---|---|---|\n");
        for (PropertyCatalogue.Property p : PropertyCatalogue.properties()) {
            if (!p.section().equals(section)) {
                continue;
            }
            String name = p.name().replace("[*]", "[<n>]").replace(".*.", ".<name>.");
            String value = p.defaultValue() == null ? "(none)" : "`" + p.defaultValue() + "`";
            String meaning = p.description() + (p.values().isEmpty() ? "" : " One of: `" + String.join("`, `", p.values()) + "`.");
            t.append("| `").append(name).append("` | ").append(value).append(" | ").append(meaning.replace("|", "\\|")).append(" |\n");
        }
        return t.toString();
    }
}
