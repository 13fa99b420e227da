package dev.sluice.contract;

import java.util.Map;

/** The {@code sluice.*} settings every sample runs with under the kit (besides its own CONTRACT §8 settings). */
public final class ContractSettings {

    public static final String ADMIN_TOKEN = "contract-kit-admin-token-4f1c9a27";
    public static final String BYPASS_SECRET = "contract-kit-bypass-secret-8d2e7b51";
    /** Clients in this block bypass maintenance. */
    public static final String BYPASS_NETWORK = "203.0.113.0/24";
    /** The only trusted proxy: the kit's own requests come from it; requests from 127.0.0.2/3 do not. */
    public static final String TRUSTED_PROXY = "127.0.0.1";

    private ContractSettings() {
    }

    /** {@code sluice.admin.token}, {@code sluice.maintenance.bypass.secret/.addresses}, {@code sluice.trusted-proxies}. */
    public static Map<String, String> properties() {
        return Map.of(
                "sluice.admin.token", ADMIN_TOKEN,
                "sluice.maintenance.bypass.secret", BYPASS_SECRET,
                "sluice.maintenance.bypass.addresses", BYPASS_NETWORK,
                "sluice.trusted-proxies", TRUSTED_PROXY);
    }
}
