package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * The admin on the management server when it has a port of its own ({@code management.server.port}): loaded into
 * the management child context only, with the same filters (and so the same security: Spring Boot applies the
 * application's security filter chain to the management server too) as on the main port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class SluiceManagementContextConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(Filter.class)
    static class ServletAdmin {

        @Bean
        FilterRegistrationBean<Filter> sluiceAdminFilterRegistration(Sluice sluice) {
            String path = sluice.adminHttp().maintenancePath();
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new SluiceAdminFilter(sluice));
            registration.setName("sluiceAdminFilter");
            registration.setOrder(SluiceServletAutoConfiguration.ADMIN_FILTER_ORDER);
            registration.addUrlPatterns(path, SluiceAdminFilter.dependenciesPattern(path));
            registration.setDispatcherTypes(DispatcherType.REQUEST);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(WebFilter.class)
    static class ReactiveAdmin {

        @Bean
        WebFilter sluiceAdminWebFilter(Sluice sluice) {
            return new SluiceAdminWebFilter(sluice);
        }
    }
}
