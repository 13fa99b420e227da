package dev.sluice.quarkus.runtime;

import dev.sluice.PropertyCatalogue;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The {@code sluice.*} properties of the core's {@link PropertyCatalogue}, read by name from the Quarkus
 * configuration (so environment variables and profiles work as for any Quarkus property), as the text the user
 * wrote: the core parses each value once. The names of a group's instances (policies, dependencies, windows)
 * come from the {@code @ConfigMapping}, which knows them whatever source they came from.
 */
final class CoreProperties {

    private CoreProperties() {
    }

    /**
     * @param nonApplicationRoot {@code quarkus.http.non-application-root-path} as an absolute path without a
     *                           trailing slash ({@code ""} when it is the root itself)
     * @param adminRoot          where the admin's resources are served ({@code <root>/maintenance})
     * @param healthRoot         the probes' root ({@code /q/health})
     */
    static Map<String, String> of(Config config, SluiceConfigMapping mapping, String nonApplicationRoot, String adminRoot, String healthRoot) {
        Map<String, String> p = new LinkedHashMap<>();
        for (PropertyCatalogue.Property property : PropertyCatalogue.properties()) {
            if (!property.templated()) {
                read(config, property.name(), property, p);
                continue;
            }
            for (String instance : instances(mapping, property.name())) {
                read(config, property.name().replace("[*]", "[" + instance + "]").replace(".*.", "." + instance + "."), property, p);
            }
        }
        List<String> exempt = new ArrayList<>(List.of(p.getOrDefault("sluice.exempt-paths", "").split(",")));
        // The non-application endpoints' probes must tell the truth themselves. A root of "/" would make that
        // "/**", every path, so only the probes are exempt then (the admin's paths always are).
        exempt.add(nonApplicationRoot.isEmpty() ? healthRoot + "/**" : nonApplicationRoot + "/**");
        p.put("sluice.exempt-paths", String.join(",", exempt));
        p.putIfAbsent("sluice.admin.path", adminRoot + "/maintenance");
        // Services that share a Redis must not share its keys: the application's name tells them apart.
        config.getOptionalValue("quarkus.application.name", String.class)
                .ifPresent(name -> p.putIfAbsent("sluice.redis.namespace", "sluice:" + name));
        return p;
    }

    private static void read(Config config, String name, PropertyCatalogue.Property property, Map<String, String> out) {
        if (property.type() == PropertyCatalogue.Type.LIST) {
            config.getOptionalValues(name, String.class).ifPresent(v -> out.put(name, String.join(",", v)));
        } else {
            config.getOptionalValue(name, String.class).ifPresent(v -> out.put(name, v));
        }
    }

    /** The names or indexes of the group a templated property belongs to, as the mapping knows them. */
    private static List<String> instances(SluiceConfigMapping mapping, String templated) {
        if (templated.startsWith("sluice.maintenance.windows[*].")) {
            return IntStream.range(0, mapping.maintenance().windows().size()).mapToObj(Integer::toString).toList();
        } else if (templated.startsWith("sluice.client-limits.policies.*.")) {
            return List.copyOf(mapping.clientLimits().policies().keySet());
        } else if (templated.startsWith("sluice.dependencies.*.")) {
            return List.copyOf(mapping.dependencies().keySet());
        }
        throw new IllegalStateException("a group the Quarkus extension does not know: " + templated);
    }
}
