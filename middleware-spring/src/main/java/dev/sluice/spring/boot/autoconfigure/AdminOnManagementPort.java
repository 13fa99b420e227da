package dev.sluice.spring.boot.autoconfigure;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Where the admin is served: beside the actuator. With {@code management.server.port} set to a port of its own
 * (common on Kubernetes, so that actuator is not public), the admin is served there, in the management context,
 * and not on the main port; otherwise on the main port. Decided as Spring Boot decides where the actuator goes
 * ({@code ManagementPortType}), without needing the actuator on the class path.
 */
final class AdminOnManagementPort {

    private AdminOnManagementPort() {
    }

    /** Whether the management server has a port of its own. */
    static boolean differentPort(Environment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        if (management == null || management < 0) {
            return false; // no port of its own, or the management server is off: the admin stays on the main port
        }
        Integer server = environment.getProperty("server.port", Integer.class);
        boolean same = server == null && management.equals(8080) || management != 0 && management.equals(server);
        return !same;
    }

    /** Matches when the admin belongs on the main port. */
    static final class OnMainPort implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !differentPort(context.getEnvironment());
        }
    }
}
