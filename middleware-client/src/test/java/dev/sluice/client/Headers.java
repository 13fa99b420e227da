package dev.sluice.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Response or request headers for decision tests: names case-insensitive, as on the wire. */
public final class Headers {

    private Headers() {
    }

    public static final Function<String, List<String>> NONE = name -> List.of();

    /** Name, value, name, value, … (a name may repeat). */
    public static Function<String, List<String>> of(String... nameValues) {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) {
            m.computeIfAbsent(nameValues[i], k -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return name -> m.getOrDefault(name, List.of());
    }
}
