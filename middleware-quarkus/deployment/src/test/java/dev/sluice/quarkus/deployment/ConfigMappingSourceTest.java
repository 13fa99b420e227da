package dev.sluice.quarkus.deployment;

import dev.sluice.PropertyCatalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension's {@code @ConfigMapping}, {@code SluiceConfigMapping}, is generated from the core's
 * {@link PropertyCatalogue}: names, types, defaults and descriptions are the catalogue's, so the Quarkus
 * configuration reference and Dev UI say what docs/configuration.md and Spring's metadata say. This test
 * fails when the committed source differs from what the catalogue gives. To rewrite it:
 * {@code ./mvnw -pl middleware-quarkus/deployment test -Dtest=ConfigMappingSourceTest -Dsluice.mapping.write=true}.
 */
class ConfigMappingSourceTest {

    private static final Path SOURCE = Path.of("..", "runtime", "src", "main", "java", "dev", "sluice", "quarkus", "runtime",
            "SluiceConfigMapping.java");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final int WIDTH = 120;

    @Test
    void theMappingIsGeneratedFromTheCatalogue() throws IOException {
        String generated = render();
        if (Boolean.getBoolean("sluice.mapping.write")) {
            Files.writeString(SOURCE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SOURCE, StandardCharsets.UTF_8))
                .as("SluiceConfigMapping.java: run with -Dsluice.mapping.write=true to regenerate it").isEqualTo(generated);
    }

    /** A group of properties: the root, a plain group ({@code maintenance.bypass}), or a named or numbered one. */
    private static final class Group {
        final String segment;
        final String kind; // "plain", "map" ({@code x.*.member}) or "list" ({@code x[*].member})
        final String prefix; // as docs/configuration.md writes it: sluice.client-limits.policies.<name>
        final Map<String, Object> members = new LinkedHashMap<>(); // segment -> Group or PropertyCatalogue.Property

        Group(String segment, String kind, String prefix) {
            this.segment = segment;
            this.kind = kind;
            this.prefix = prefix;
        }

        String interfaceName() {
            String name = camel(segment, true);
            if (kind.equals("plain")) {
                return name;
            }
            // The element of a named or numbered group is one of them: policies -> Policy, windows -> Window.
            return name.endsWith("ies") ? name.substring(0, name.length() - 3) + "y" : name.substring(0, name.length() - 1);
        }
    }

    static String render() {
        Group root = new Group("sluice", "plain", "sluice");
        for (PropertyCatalogue.Property p : PropertyCatalogue.properties()) {
            List<String> segments = new ArrayList<>(List.of(p.name().substring("sluice.".length()).split("\\.")));
            Group group = root;
            for (int i = 0; i < segments.size() - 1; i++) {
                String segment = segments.get(i);
                if (segment.equals("*")) {
                    continue;
                }
                boolean list = segment.endsWith("[*]");
                String name = list ? segment.substring(0, segment.length() - 3) : segment;
                String kind = list ? "list" : i + 1 < segments.size() - 1 && segments.get(i + 1).equals("*") ? "map" : "plain";
                String prefix = group.prefix + "." + name + (kind.equals("map") ? ".<name>" : kind.equals("list") ? "[<n>]" : "");
                group = (Group) group.members.computeIfAbsent(name, n -> new Group(n, kind, prefix));
            }
            group.members.put(segments.get(segments.size() - 1), p);
        }

        StringBuilder out = new StringBuilder();
        out.append("""
                package dev.sluice.quarkus.runtime;

                import io.quarkus.runtime.annotations.ConfigPhase;
                import io.quarkus.runtime.annotations.ConfigRoot;
                import io.smallrye.config.ConfigMapping;
                import io.smallrye.config.WithDefault;

                import java.time.Duration;
                import java.time.Instant;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                import java.util.OptionalDouble;
                import java.util.OptionalInt;
                import java.util.OptionalLong;

                /**
                 * Sluice configuration for Quarkus's configuration reference and Dev UI. Generated from the core's
                 * {@link dev.sluice.PropertyCatalogue} by {@code ConfigMappingSourceTest} (middleware-quarkus/deployment): do not
                 * edit, change the catalogue. Values reach the core by name and are checked there when the application starts; a
                 * bad one stops start-up with a message naming the property.
                 */
                @ConfigMapping(prefix = "sluice")
                @ConfigRoot(phase = ConfigPhase.RUN_TIME)
                public interface SluiceConfigMapping {
                """);
        List<Group> nested = new ArrayList<>();
        members(root, "    ", out, nested);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < nested.size(); i++) { // grows while it is walked: groups within groups
            Group g = nested.get(i);
            if (!names.add(g.interfaceName())) {
                throw new IllegalStateException("two groups would both be interface " + g.interfaceName());
            }
            out.append("\n    interface ").append(g.interfaceName()).append(" {\n");
            members(g, "        ", out, nested);
            out.append("    }\n");
        }
        return out.append("}\n").toString();
    }

    private static void members(Group group, String indent, StringBuilder out, List<Group> nested) {
        boolean first = true;
        for (Map.Entry<String, Object> member : group.members.entrySet()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            String method = camel(member.getKey(), false);
            if (member.getValue() instanceof Group g) {
                nested.add(g);
                String type = switch (g.kind) {
                    case "map" -> "Map<String, " + g.interfaceName() + ">";
                    case "list" -> "List<" + g.interfaceName() + ">";
                    default -> g.interfaceName();
                };
                javadoc(indent, "The `" + g.prefix + ".*` properties.", out);
                out.append(indent).append(type).append(' ').append(method).append("();\n");
            } else {
                PropertyCatalogue.Property p = (PropertyCatalogue.Property) member.getValue();
                javadoc(indent, p.description(), out);
                if (p.defaultValue() != null) {
                    out.append(indent).append("@WithDefault(\"").append(p.defaultValue().replace("\\", "\\\\").replace("\"", "\\\""))
                            .append("\")\n");
                }
                out.append(indent).append(javaType(p)).append(' ').append(method).append("();\n");
            }
        }
    }

    private static String javaType(PropertyCatalogue.Property p) {
        boolean required = p.defaultValue() != null;
        return switch (p.type()) {
            case BOOLEAN -> required ? "boolean" : "Optional<Boolean>";
            case INTEGER -> required ? "int" : "OptionalInt";
            case LONG -> required ? "long" : "OptionalLong";
            case FRACTION -> required ? "double" : "OptionalDouble";
            case DURATION -> required ? "Duration" : "Optional<Duration>";
            case INSTANT -> required ? "Instant" : "Optional<Instant>";
            case STRING -> required ? "String" : "Optional<String>";
            case LIST -> required ? "List<String>" : "Optional<List<String>>";
            case ENUM -> {
                String type = p.enumType().getCanonicalName();
                yield required ? type : "Optional<" + type + ">";
            }
        };
    }

    /** {@code client-limits} as {@code clientLimits} or {@code ClientLimits}. */
    private static String camel(String kebab, boolean upper) {
        StringBuilder s = new StringBuilder();
        for (String word : kebab.split("-")) {
            s.append(s.isEmpty() && !upper ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1));
        }
        return s.toString();
    }

    /** The catalogue's text as Javadoc: HTML escaped, {@code `code`} as code, wrapped. */
    private static void javadoc(String indent, String text, StringBuilder out) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
        Matcher m = CODE.matcher(escaped);
        String html = m.replaceAll(r -> Matcher.quoteReplacement("<code>" + r.group(1) + "</code>"));
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : html.split(" ")) {
            if (!line.isEmpty() && indent.length() + 3 + line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        if (lines.size() == 1 && indent.length() + 8 + lines.get(0).length() <= WIDTH) {
            out.append(indent).append("/** ").append(lines.get(0)).append(" */\n");
            return;
        }
        out.append(indent).append("/**\n");
        lines.forEach(l -> out.append(indent).append(" * ").append(l).append('\n'));
        out.append(indent).append(" */\n");
    }
}
