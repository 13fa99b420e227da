package dev.sluice.quarkus.deployment;

import dev.sluice.PropertyCatalogue;
import dev.sluice.quarkus.runtime.SluiceConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension's {@code @ConfigMapping} (what Quarkus's configuration reference and Dev UI show, and what makes
 * an unknown {@code sluice.*} key fail start-up) has exactly the core catalogue's names and defaults.
 */
class ConfigMappingParityTest {

    @Test
    void theMappingHasTheCataloguesNamesAndDefaults() {
        Map<String, ConfigMappingInterface.Property> mapping = ConfigMappings.getProperties(
                ConfigMappings.ConfigClass.configClass(SluiceConfigMapping.class, "sluice"));
        Map<String, String> mapped = new TreeMap<>();
        // A list is also named by index (exempt-paths[*]); the catalogue names it once.
        mapping.forEach((name, p) -> {
            if (!(name.endsWith("[*]") && mapping.containsKey(name.substring(0, name.length() - 3)))) {
                mapped.put(name, defaultOf(p));
            }
        });
        Map<String, String> catalogued = PropertyCatalogue.properties().stream()
                .collect(Collectors.toMap(PropertyCatalogue.Property::name, p -> String.valueOf(p.defaultValue()), (a, b) -> a, TreeMap::new));

        assertThat(mapped.keySet()).as("names").containsExactlyElementsOf(catalogued.keySet());
        assertThat(mapped).as("defaults").isEqualTo(catalogued);
    }

    private static String defaultOf(ConfigMappingInterface.Property p) {
        if (p.isLeaf() && p.asLeaf().hasDefaultValue()) {
            return p.asLeaf().getDefaultValue();
        }
        if (p.isPrimitive() && p.asPrimitive().hasDefaultValue()) {
            return p.asPrimitive().getDefaultValue();
        }
        if (p.isCollection() && p.asCollection().hasDefaultValue()) {
            return p.asCollection().getDefaultValue();
        }
        return "null";
    }
}
