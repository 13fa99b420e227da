package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
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
 * same to every caller. The admin filter runs at {@value #ADMIN_FILTER_ORDER}, after Spring Security, so a
 * signed-in user with {@code sluice.admin.role} is recognised.
 */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Filter.class, SluiceFilter.class})
public class SluiceServletAutoConfiguration {

    public static final int FILTER_ORDER = -110;
    public static final int ADMIN_FILTER_ORDER = -90;

    @Bean
    @ConditionalOnMissingBean(name = "sluiceFilterRegistration")
    public FilterRegistrationBean<SluiceFilter> sluiceFilterRegistration(Sluice sluice) {
        FilterRegistrationBean<SluiceFilter> registration = new FilterRegistrationBean<>(new SluiceFilter(sluice));
        registration.setName("sluiceFilter");
        registration.setOrder(FILTER_ORDER);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
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
