package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Rejection;
import dev.sluice.Sluice;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import org.springframework.util.ClassUtils;

/**
 * Tells a request's observation (and so its trace span) why Sluice answered it: {@code sluice.outcome}
 * ({@code maintenance}, {@code overload}, {@code rate-limited}, {@code dependency-unavailable}, {@code bad-gateway},
 * {@code gateway-timeout}, {@code shutting-down}, {@code ambiguous-path}) and {@code sluice.retry_after} in
 * seconds. High-cardinality key values: they go to traces, not to the {@code http.server.requests} metric's tags,
 * so the metric keeps the tags it had. The adapters leave the {@link Rejection} in {@link Sluice#RENDERED_ATTRIBUTE}.
 */
final class SluiceObservationFilter implements ObservationFilter {

    private static final ClassLoader LOADER = SluiceObservationFilter.class.getClassLoader();
    private static final boolean SERVLET = ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", LOADER);
    private static final boolean REACTIVE = ClassUtils.isPresent("org.springframework.http.server.reactive.ServerHttpRequest", LOADER);

    @Override
    public Observation.Context map(Observation.Context context) {
        Object answered = SERVLET ? ServletRequests.rejection(context) : null;
        if (answered == null && REACTIVE) {
            answered = ReactiveRequests.rejection(context);
        }
        if (answered instanceof Rejection rejection) {
            context.addHighCardinalityKeyValue(KeyValue.of("sluice.outcome", rejection.reason().slug()));
            if (rejection.retryAfter() != null) {
                context.addHighCardinalityKeyValue(KeyValue.of("sluice.retry_after", Long.toString(rejection.retryAfter().seconds())));
            }
        }
        return context;
    }

    /** Referenced only when the Servlet API is on the class path. */
    private static final class ServletRequests {
        static Object rejection(Observation.Context context) {
            return context instanceof org.springframework.http.server.observation.ServerRequestObservationContext servlet
                    && servlet.getCarrier() != null ? servlet.getCarrier().getAttribute(Sluice.RENDERED_ATTRIBUTE) : null;
        }
    }

    /** Referenced only when WebFlux's request type is on the class path. */
    private static final class ReactiveRequests {
        static Object rejection(Observation.Context context) {
            return context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactive
                    ? reactive.getAttributes().get(Sluice.RENDERED_ATTRIBUTE) : null;
        }
    }
}
