package dev.sluice.contract;

/**
 * The whole contract: an adapter's test class implements this and provides {@link #app()}. Each section
 * states one part of CONTRACT.md once; every adapter runs the same tests against a real server.
 */
public interface SluiceContract extends MaintenanceContract, RenderingContract, BypassContract, ExemptionContract,
        FailureContract, AdminContract, QuotaContract, DependencyContract, OverloadContract, HostileInputContract {
}
