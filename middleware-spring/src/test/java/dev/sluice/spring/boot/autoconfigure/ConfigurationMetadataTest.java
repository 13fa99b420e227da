package dev.sluice.spring.boot.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.PropertyCatalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's Spring Boot configuration metadata ({@code META-INF/spring-configuration-metadata.json}, what
 * IDEs read for completion and descriptions) is generated from the core's {@link PropertyCatalogue}: names,
 * types, defaults, descriptions and the allowed values of enumerations. A group's members are described on
 * the group's map property. This test fails when the shipped file differs from what the catalogue says; to
 * rewrite it: {@code ./mvnw -pl middleware-spring test -Dtest=ConfigurationMetadataTest -Dsluice.metadata.write=true}.
 */
class ConfigurationMetadataTest {

    private static final Path FILE = Path.of("src", "main", "resources", "META-INF", "spring-configuration-metadata.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theShippedMetadataIsTheCatalogues() throws IOException {
        String generated = JSON.writeValueAsString(metadata()) + "\n";
        if (Boolean.getBoolean("sluice.metadata.write")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).as(FILE + ": run with -Dsluice.metadata.write=true to regenerate")
                .isEqualTo(generated);
    }

    @Test
    void everyPropertyHasATypeAndADescriptionAndEveryEnumerationItsValues() throws IOException {
        JsonNode m = JSON.readTree(FILE.toFile());

        assertThat(m.path("properties")).allSatisfy(p -> {
            assertThat(p.path("type").asText()).as(p.path("name").asText()).isNotBlank();
            assertThat(p.path("description").asText()).as(p.path("name").asText()).isNotBlank().doesNotContain("`");
        });
        assertThat(m.path("hints").findValuesAsText("name")).contains("sluice.forwarded-header", "sluice.shedding.limit.type",
                "sluice.maintenance.mode");
    }

    static ObjectNode metadata() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        groups.addObject().put("name", "sluice").put("description", "Sluice: truthful availability answers (503 with Retry-After, 429, never a false 502).");
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        Map<String, StringBuilder> groupDescriptions = new LinkedHashMap<>();
        for (PropertyCatalogue.Property p : PropertyCatalogue.properties()) {
            if (p.templated()) {
                String group = p.name().substring(0, p.name().indexOf(p.name().contains("[*]") ? "[*]" : ".*."));
                String member = p.name().substring(p.name().lastIndexOf('.') + 1);
                groupDescriptions.computeIfAbsent(group, g -> new StringBuilder(g.endsWith("windows")
                                ? "Scheduled maintenance windows, by index; each has:" : "By name; each has:"))
                        .append(' ').append(member).append(": ").append(plain(p.description()));
                continue;
            }
            ObjectNode o = properties.addObject().put("name", p.name()).put("type", p.type().javaType())
                    .put("description", plain(p.description()));
            putDefault(o, p);
            if (!p.values().isEmpty()) {
                ArrayNode values = hints.addObject().put("name", p.name()).putArray("values");
                p.values().forEach(v -> values.addObject().put("value", v));
            }
        }
        groupDescriptions.forEach((name, description) -> properties.addObject().put("name", name)
                .put("type", name.endsWith("windows") ? "java.util.List<java.util.Map<java.lang.String,java.lang.String>>"
                        : "java.util.Map<java.lang.String,java.util.Map<java.lang.String,java.lang.String>>")
                .put("description", description.toString()));
        return root;
    }

    private static void putDefault(ObjectNode o, PropertyCatalogue.Property p) {
        if (p.defaultValue() == null) {
            return;
        }
        switch (p.type()) {
            case BOOLEAN -> o.put("defaultValue", Boolean.parseBoolean(p.defaultValue()));
            case INTEGER, LONG -> o.put("defaultValue", Long.parseLong(p.defaultValue()));
            case FRACTION -> o.put("defaultValue", Double.parseDouble(p.defaultValue()));
            default -> o.put("defaultValue", p.defaultValue());
        }
    }

    /** The description without markdown: IDEs show it as plain text. */
    private static String plain(String description) {
        return description.replace("`", "");
    }
}
