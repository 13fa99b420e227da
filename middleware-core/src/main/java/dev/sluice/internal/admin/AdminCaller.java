package dev.sluice.internal.admin;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who calls the admin surface, as the framework's own security knows them (Spring Security, Quarkus
 * security, the Servlet container): a name and the roles it holds, or {@link #ANONYMOUS}.
 */
public interface AdminCaller {

    /** A caller the framework did not authenticate. */
    AdminCaller ANONYMOUS = of(null, role -> false);

    /** The authenticated principal's name, or {@code null} when anonymous. */
    String name();

    /** Whether the caller holds {@code role}. */
    boolean hasRole(String role);

    /** A caller named {@code name} ({@code null}: anonymous) holding the roles {@code hasRole} accepts. */
    static AdminCaller of(String name, Predicate<String> hasRole) {
        Objects.requireNonNull(hasRole, "hasRole");
        return new AdminCaller() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean hasRole(String role) {
                return name != null && hasRole.test(role);
            }
        };
    }
}
