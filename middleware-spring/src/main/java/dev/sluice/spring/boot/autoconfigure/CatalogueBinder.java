package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.PropertyCatalogue;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads every {@code sluice.*} property of the {@link PropertyCatalogue} from the Spring environment with
 * Spring's own binding, so relaxed names, YAML lists and environment variables work as for any Spring Boot
 * property ({@code SLUICE_SHEDDING_QUEUETIME_HEADER}, {@code sluice.shedding.queueTime.header}). Values go to
 * the core as the text the user wrote, parsed once, by the core.
 */
final class CatalogueBinder {

    private CatalogueBinder() {
    }

    /** The catalogue's properties set in {@code environment}, by their canonical names. */
    static Map<String, String> bind(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> out = new LinkedHashMap<>();
        for (PropertyCatalogue.Property p : PropertyCatalogue.properties()) {
            if (!p.templated()) {
                bind(binder, p.name(), p, out);
                continue;
            }
            String prefix = p.name().substring(0, p.name().indexOf(p.name().contains("[*]") ? "[*]" : ".*."));
            String member = p.name().substring(p.name().lastIndexOf('.') + 1);
            for (String instance : instances(environment, prefix)) {
                String name = p.name().contains("[*]") ? prefix + "[" + instance + "]." + member : prefix + "." + instance + "." + member;
                bind(binder, name, p, out);
            }
        }
        return out;
    }

    private static void bind(Binder binder, String name, PropertyCatalogue.Property p, Map<String, String> out) {
        if (p.type() == PropertyCatalogue.Type.LIST) {
            binder.bind(name, Bindable.listOf(String.class)).ifBound(v -> out.put(name, String.join(",", v)));
        } else {
            binder.bind(name, String.class).ifBound(v -> out.put(name, v));
        }
    }

    /** The names (or indexes) of the group under {@code prefix} that some property source sets. */
    private static Set<String> instances(Environment environment, String prefix) {
        ConfigurationPropertyName group = ConfigurationPropertyName.of(prefix);
        Set<String> names = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().filter(group::isAncestorOf).forEach(n -> names.add(n.getElement(group.getNumberOfElements(),
                    ConfigurationPropertyName.Form.ORIGINAL)));
        }
        return names;
    }
}
