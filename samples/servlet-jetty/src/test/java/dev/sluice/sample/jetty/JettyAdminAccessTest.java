package dev.sluice.sample.jetty;

import dev.sluice.contract.AdminAccessContract;
import dev.sluice.contract.AppUnderTest;
import dev.sluice.contract.ContractSettings;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.HashMap;
import java.util.Map;

/**
 * The admin-access contract against the Jetty sample with its admin servlet moved to /ops/switch and the
 * container's own security (HTTP Basic, users in a {@link HashLoginService}, nothing required): the admin
 * role comes from {@code isUserInRole}.
 */
class JettyAdminAccessTest implements AdminAccessContract {

    private static JettySampleApp sample;

    @BeforeAll
    static void startSample() throws Exception {
        Map<String, String> properties = new HashMap<>(ContractSettings.properties());
        properties.put("sluice.admin.path", CUSTOM_ADMIN_PATH);
        sample = JettySampleApp.start("127.0.0.1", 0, properties, context -> {
            UserStore users = new UserStore();
            users.addUser("ops", new Password("ops-password"), new String[] {"SLUICE_ADMIN"});
            users.addUser("dev", new Password("dev-password"), new String[] {"DEVELOPER"});
            HashLoginService login = new HashLoginService("sluice");
            login.setUserStore(users);
            ConstraintSecurityHandler security = new ConstraintSecurityHandler();
            security.setLoginService(login);
            security.setAuthenticator(new BasicAuthenticator());
            ConstraintMapping everything = new ConstraintMapping(); // nothing required: Basic credentials count when sent
            everything.setPathSpec("/*");
            everything.setConstraint(Constraint.ALLOWED);
            security.addConstraintMapping(everything);
            context.setSecurityHandler(security);
        });
    }

    @AfterAll
    static void stopSample() throws Exception {
        sample.close();
    }

    @Override
    public AppUnderTest app() {
        return AppUnderTest.of(sample.baseUri(), CUSTOM_ADMIN_PATH, "/health/ready", "/health/live");
    }
}
