package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import dev.sluice.clientlimit.ClientKeyType;
import dev.sluice.servlet.SluiceFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Sluice on the Servlet stack (Spring MVC): the core's {@link SluiceFilter}, the admin resources, and a
 * resolver for the failures Sluice owns.
 *
 * <p>The filter runs at {@value #FILTER_ORDER}, before Spring Security's chain (-100): a request Sluice
 * refuses (maintenance, a client over its quota) costs no authentication work, and a refusal looks the
 * same to every caller. When a client-limit policy keys by the principal, it runs at
 * {@value #AFTER_SECURITY_ORDER} instead, after Spring Security, which must have authenticated the caller for
 * the principal to be known. The admin filter runs at {@value #ADMIN_FILTER_ORDER}, after Spring Security, so
 * a signed-in user with {@code sluice.admin.role} is recognised.
 */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Filter.class, SluiceFilter.class})
public class SluiceServletAutoConfiguration {

    public static final int FILTER_ORDER = -110;
    public static final int AFTER_SECURITY_ORDER = -95;
    public static final int ADMIN_FILTER_ORDER = -90;

    @Bean
    @ConditionalOnMissingBean(name = "sluiceFilterRegistration")
    public FilterRegistrationBean<SluiceFilter> sluiceFilterRegistration(Sluice sluice) {
        FilterRegistrationBean<SluiceFilter> registration = new FilterRegistrationBean<>(new SluiceFilter(sluice));
        registration.setName("sluiceFilter");
        registration.setOrder(filterOrder(sluice));
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    @org.springframework.context.annotation.Conditional(AdminOnManagementPort.OnMainPort.class) // else on the management port
    @ConditionalOnMissingBean(name = "sluiceAdminFilterRegistration")
    public FilterRegistrationBean<Filter> sluiceAdminFilterRegistration(Sluice sluice) {
        String path = sluice.adminHttp().maintenancePath();
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new SluiceAdminFilter(sluice));
        registration.setName("sluiceAdminFilter");
        registration.setOrder(ADMIN_FILTER_ORDER);
        registration.addUrlPatterns(path, SluiceAdminFilter.dependenciesPattern(path));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** Where Sluice's filter runs: before Spring Security, or after it when a policy needs the principal. */
    static int filterOrder(Sluice sluice) {
        return keysByPrincipal(sluice) ? AFTER_SECURITY_ORDER : FILTER_ORDER;
    }

    /** Whether some client-limit policy keys by the authenticated principal. */
    static boolean keysByPrincipal(Sluice sluice) {
        return sluice.config().clientLimits().policies().stream().flatMap(p -> p.keys().stream())
                .anyMatch(k -> k == ClientKeyType.PRINCIPAL || k == ClientKeyType.PRINCIPAL_OR_IP);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HandlerExceptionResolver.class)
    static class ExceptionResolverConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sluiceHandlerExceptionResolver")
        HandlerExceptionResolver sluiceHandlerExceptionResolver(Sluice sluice) {
            return new SluiceHandlerExceptionResolver(sluice);
        }
    }
}
