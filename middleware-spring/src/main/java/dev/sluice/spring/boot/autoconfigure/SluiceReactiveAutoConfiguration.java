package dev.sluice.spring.boot.autoconfigure;

import dev.sluice.Sluice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;

/** Sluice on the reactive stack (Spring WebFlux): a {@code WebFilter}, the admin resources, an exception handler. */
@AutoConfiguration(after = SluiceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebFilter.class)
public class SluiceReactiveAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "sluiceWebFilter")
    public WebFilter sluiceWebFilter(Sluice sluice) {
        return new SluiceWebFilter(sluice);
    }

    @Bean
    @org.springframework.context.annotation.Conditional(AdminOnManagementPort.OnMainPort.class) // else on the management port
    @ConditionalOnMissingBean(name = "sluiceAdminWebFilter")
    public WebFilter sluiceAdminWebFilter(Sluice sluice) {
        return new SluiceAdminWebFilter(sluice);
    }

    @Bean
    @ConditionalOnMissingBean(name = "sluiceWebExceptionHandler")
    public WebExceptionHandler sluiceWebExceptionHandler(Sluice sluice) {
        return new SluiceWebExceptionHandler(sluice);
    }
}
