package dev.sluice.micrometer;

import dev.sluice.RejectionReason;
import dev.sluice.Sluice;
import dev.sluice.event.AuditFinding;
import dev.sluice.event.RequestRejected;
import dev.sluice.event.SluiceListener;
import dev.sluice.internal.shedding.LoadShedder;
import dev.sluice.shedding.Priority;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sluice's meters: {@code sluice.requests.rejected} (counter; tags {@code reason} — maintenance,
 * rate-limited, dependency-unavailable, overload, bad-gateway, gateway-timeout — and {@code status}),
 * {@code sluice.client-limits.rejected} (counter; tag {@code policy}), {@code sluice.audit.findings}
 * (counter; tags {@code finding}, {@code status}) and {@code sluice.maintenance.active} (gauge, 1 while
 * maintenance is in force). With shedding on, also {@code sluice.requests.inflight} (gauge, requests holding
 * a permit), {@code sluice.shedding.limit} (gauge, the concurrency limit now) and
 * {@code sluice.shedding.rejected} (counter; tag {@code priority}: critical, normal, sheddable). One definition that the Spring Boot starter and the Quarkus extension both
 * register, so the names and tags are the same everywhere; a listener, so the core needs no metrics library.
 */
public final class SluiceMetrics implements MeterBinder, SluiceListener {

    private final Sluice sluice;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    public SluiceMetrics(Sluice sluice) {
        this.sluice = sluice;
        sluice.addListener(this);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        Gauge.builder("sluice.maintenance.active", sluice, s -> s.admin().state().maintenance().isPresent() ? 1 : 0)
                .description("1 while maintenance is in force, else 0")
                .register(registry);
        sluice.shedding().ifPresent(shedding -> {
            Gauge.builder("sluice.requests.inflight", shedding, LoadShedder::inFlight)
                    .description("Admitted requests holding a concurrency permit")
                    .register(registry);
            Gauge.builder("sluice.shedding.limit", shedding, LoadShedder::limit)
                    .description("The concurrency limit now (fixed, or where the adaptive limit stands)")
                    .register(registry);
            for (Priority priority : Priority.values()) {
                FunctionCounter.builder("sluice.shedding.rejected", shedding, g -> g.rejected(priority))
                        .description("Requests refused with 503 overload, by priority")
                        .tag("priority", priority.label())
                        .register(registry);
            }
        });
        FunctionCounter.builder("sluice.shutdown.requests", sluice, s -> s.drain().counts().served())
                .description("Requests answered while draining on shutdown, by outcome: served (with Connection: close) "
                        + "or refused (503 shutting-down)")
                .tag("outcome", "served").register(registry);
        FunctionCounter.builder("sluice.shutdown.requests", sluice, s -> s.drain().counts().refused())
                .description("Requests answered while draining on shutdown, by outcome: served (with Connection: close) "
                        + "or refused (503 shutting-down)")
                .tag("outcome", "refused").register(registry);
    }

    @Override
    public void onAuditFinding(AuditFinding event) {
        for (MeterRegistry registry : registries) {
            Counter.builder("sluice.audit.findings").description("Misleading statuses the application itself answered")
                    .tag("finding", event.finding().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .tag("status", Integer.toString(event.status()))
                    .register(registry).increment();
        }
    }

    @Override
    public void onRequestRejected(RequestRejected event) {
        boolean clientLimit = event.rejection().reason() == RejectionReason.RATE_LIMITED && event.rejection().source() != null;
        for (MeterRegistry registry : registries) {
            if (clientLimit) {
                Counter.builder("sluice.client-limits.rejected").description("Requests refused with 429, by client-limit policy")
                        .tag("policy", event.rejection().source()).register(registry).increment();
            }
            Counter.builder("sluice.requests.rejected")
                    .description("Requests Sluice answered instead of the application")
                    .tag("reason", event.rejection().reason().slug())
                    .tag("status", Integer.toString(event.rejection().status()))
                    .register(registry)
                    .increment();
        }
    }
}
