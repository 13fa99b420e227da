package dev.sluice.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §1 first row and §4: exempt paths (probes, the admin) are never refused. */
public interface ExemptionContract extends ContractBase {

    @Test
    default void healthProbesAreExemptDuringMaintenance() throws Exception {
        maintenanceOn("{}");

        assertThat(get(app().readinessPath()).statusCode()).isNotEqualTo(503).isLessThan(500);
        assertThat(get(app().livenessPath()).statusCode()).isNotEqualTo(503).isLessThan(500);
    }

    @Test
    default void theAdminStaysReachableDuringMaintenance() throws Exception {
        maintenanceOn("{}");

        assertThat(adminState().path("maintenance").path("active").asBoolean()).isTrue();
    }
}
