package dev.sluice.quarkus.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mapped configuration as the core's {@code sluice.*} names, for {@code SluiceConfig.Builder.properties}. */
final class CoreProperties {

    private CoreProperties() {
    }

    /**
     * @param nonApplicationRoot {@code quarkus.http.non-application-root-path} as an absolute path without a
     *                           trailing slash ({@code ""} when it is the root itself)
     * @param adminRoot          where the admin's resources are served ({@code <root>/maintenance})
     */
    static Map<String, String> of(SluiceConfigMapping c, String nonApplicationRoot, String adminRoot) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sluice.enabled", Boolean.toString(c.enabled()));
        List<String> exempt = new java.util.ArrayList<>(c.exemptPaths().orElse(List.of()));
        // The non-application endpoints' probes must tell the truth themselves. A root of "/" would make that
        // "/**", every path, so only the probes are exempt then (the admin's paths always are).
        exempt.add(nonApplicationRoot.isEmpty() ? SluiceProducer.healthRoot() + "/**" : nonApplicationRoot + "/**");
        list(p, "sluice.exempt-paths", Optional.of(exempt));
        list(p, "sluice.trusted-proxies", c.trustedProxies());
        SluiceConfigMapping.Maintenance m = c.maintenance();
        p.put("sluice.maintenance.enabled", Boolean.toString(m.enabled()));
        p.put("sluice.maintenance.mode", m.mode().name());
        m.message().ifPresent(v -> p.put("sluice.maintenance.message", v));
        m.retryAfter().ifPresent(v -> p.put("sluice.maintenance.retry-after", v.toString()));
        list(p, "sluice.maintenance.scope", m.scope());
        for (int i = 0; i < m.windows().size(); i++) {
            SluiceConfigMapping.Window w = m.windows().get(i);
            String k = "sluice.maintenance.windows[" + i + "].";
            p.put(k + "start", w.start().toString());
            p.put(k + "end", w.end().toString());
            w.mode().ifPresent(v -> p.put(k + "mode", v.name()));
            w.message().ifPresent(v -> p.put(k + "message", v));
            list(p, k + "scope", w.scope());
        }
        list(p, "sluice.maintenance.bypass.addresses", m.bypass().addresses());
        m.bypass().secret().ifPresent(v -> p.put("sluice.maintenance.bypass.secret", v));
        p.put("sluice.maintenance.bypass.header", m.bypass().header());
        p.put("sluice.maintenance.bypass.cookie", m.bypass().cookie());
        p.put("sluice.maintenance.bypass.path", m.bypass().path());
        p.put("sluice.maintenance.store", m.store().name());
        m.file().path().ifPresent(v -> p.put("sluice.maintenance.file.path", v));
        p.put("sluice.maintenance.file.poll-interval", m.file().pollInterval().toString());
        SluiceConfigMapping.ClientLimits l = c.clientLimits();
        p.put("sluice.client-limits.max-keys", Long.toString(l.maxKeys()));
        p.put("sluice.client-limits.expire-after-idle", l.expireAfterIdle().toString());
        p.put("sluice.client-limits.headers-on-admitted", Boolean.toString(l.headersOnAdmitted()));
        p.put("sluice.client-limits.legacy-headers", Boolean.toString(l.legacyHeaders()));
        p.put("sluice.client-limits.ipv6-prefix", Integer.toString(l.ipv6Prefix()));
        l.policies().forEach((name, policy) -> {
            String k = "sluice.client-limits.policies." + name + ".";
            list(p, k + "routes", Optional.of(policy.routes()));
            list(p, k + "methods", policy.methods());
            p.put(k + "limits", policy.limits());
            p.put(k + "refill", policy.refill().name());
            p.put(k + "key", String.join(",", policy.key().stream().map(Enum::name).toList()));
            p.put(k + "api-key-header", policy.apiKeyHeader());
        });
        c.dependencies().forEach((name, d) -> {
            String k = "sluice.dependencies." + name + ".";
            list(p, k + "routes", Optional.of(d.routes()));
            list(p, k + "methods", d.methods());
            d.breaker().ifPresent(v -> p.put(k + "breaker", v));
            p.put(k + "forced-open-retry-after", d.forcedOpenRetryAfter().toString());
        });
        list(p, "sluice.gateway.routes", c.gateway().routes());
        list(p, "sluice.gateway.bad-response-exceptions", c.gateway().badResponseExceptions());
        list(p, "sluice.gateway.timeout-exceptions", c.gateway().timeoutExceptions());
        SluiceConfigMapping.Shedding sh = c.shedding();
        p.put("sluice.shedding.enabled", Boolean.toString(sh.enabled()));
        p.put("sluice.shedding.limit.type", sh.limit().type().name());
        p.put("sluice.shedding.limit.max", Integer.toString(sh.limit().max()));
        sh.limit().initial().ifPresent(v -> p.put("sluice.shedding.limit.initial", Integer.toString(v)));
        sh.limit().min().ifPresent(v -> p.put("sluice.shedding.limit.min", Integer.toString(v)));
        p.put("sluice.shedding.normal-share", Double.toString(sh.normalShare()));
        p.put("sluice.shedding.sheddable-share", Double.toString(sh.sheddableShare()));
        list(p, "sluice.shedding.critical.routes", sh.critical().routes());
        list(p, "sluice.shedding.critical.methods", sh.critical().methods());
        list(p, "sluice.shedding.sheddable.routes", sh.sheddable().routes());
        list(p, "sluice.shedding.sheddable.methods", sh.sheddable().methods());
        sh.priorityHeader().ifPresent(v -> p.put("sluice.shedding.priority-header", v));
        sh.cpu().sheddableAbove().ifPresent(v -> p.put("sluice.shedding.cpu.sheddable-above", Double.toString(v)));
        sh.cpu().normalAbove().ifPresent(v -> p.put("sluice.shedding.cpu.normal-above", Double.toString(v)));
        p.put("sluice.shedding.cpu.sample-interval", sh.cpu().sampleInterval().toString());
        sh.queueTime().max().ifPresent(v -> p.put("sluice.shedding.queue-time.max", v.toString()));
        p.put("sluice.shedding.queue-time.header", sh.queueTime().header());
        p.put("sluice.shedding.retry-after-min", c.shedding().retryAfterMin().toString());
        p.put("sluice.shedding.retry-after-max", c.shedding().retryAfterMax().toString());
        p.put("sluice.response.retry-after-format", c.response().retryAfterFormat().name());
        c.response().problemTypeBase().ifPresent(v -> p.put("sluice.response.problem-type-base", v));
        c.response().htmlTemplate().ifPresent(v -> p.put("sluice.response.html-template", v));
        c.admin().token().ifPresent(v -> p.put("sluice.admin.token", v));
        p.put("sluice.admin.allow-unauthenticated", Boolean.toString(c.admin().allowUnauthenticated()));
        p.put("sluice.admin.role", c.admin().role());
        p.put("sluice.admin.path", adminRoot + "/maintenance");
        p.put("sluice.audit.add-missing-retry-after", Boolean.toString(c.audit().addMissingRetryAfter()));
        return p;
    }

    private static void list(Map<String, String> p, String key, Optional<List<String>> values) {
        values.filter(v -> !v.isEmpty()).ifPresent(v -> p.put(key, String.join(",", v)));
    }
}
