package dev.sluice.benchmarks.quarkus;

import io.quarkus.load.shedding.RequestPrioritizer;
import io.quarkus.load.shedding.RequestPriority;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Gives quarkus-load-shedding the knowledge Sluice gets: a request marked
 * {@code X-Sluice-Priority: critical} by the load generator is {@link RequestPriority#CRITICAL}, every
 * other one {@link RequestPriority#NORMAL} (its default). Used only when its priority shedding is on.
 */
@Singleton
public class CriticalHeaderPrioritizer implements RequestPrioritizer<RoutingContext> {

    static final String HEADER = "X-Sluice-Priority";

    @Override
    public boolean appliesTo(Object request) {
        return request instanceof RoutingContext;
    }

    @Override
    public RequestPriority priority(RoutingContext request) {
        return "critical".equalsIgnoreCase(request.request().getHeader(HEADER)) ? RequestPriority.CRITICAL : RequestPriority.NORMAL;
    }
}
