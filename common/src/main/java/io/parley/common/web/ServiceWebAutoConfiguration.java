package io.parley.common.web;

import io.parley.common.edge.EdgeAssertion;
import io.parley.common.edge.EdgeAssertionFilter;
import io.parley.common.edge.EdgeAutoConfiguration;
import io.parley.common.error.ApiErrorHandler;
import io.parley.common.request.RequestIdFilter;
import java.time.Clock;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The web pieces every service shares: request ids, the JSON error handler, JSON for /error and for
 * what Tomcat refuses itself.
 */
@AutoConfiguration(after = EdgeAutoConfiguration.class, beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ApiErrorHandler.class, JsonErrorController.class})
public class ServiceWebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        // Before Spring Security, so that its 401s carry the id too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the request id: nothing of a request the gateway did not vouch for is served. */
    @Bean
    FilterRegistrationBean<EdgeAssertionFilter> edgeAssertionFilter(EdgeAssertion assertions) {
        FilterRegistrationBean<EdgeAssertionFilter> registration =
                new FilterRegistrationBean<>(new EdgeAssertionFilter(assertions, Clock.systemUTC()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Tomcat's own refusals (before Spring) as JSON; see {@link JsonErrorReportValve}. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonErrorReports() {
        return new JsonErrorReports();
    }

    /**
     * Last of the customizers, so that its context customizer runs after Spring Boot's, which puts a
     * plain {@link ErrorReportValve} on the host: Tomcat renders a refusal made before a request is
     * mapped (a path that is not valid UTF-8) with the first error report valve it finds there.
     */
    static final class JsonErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new JsonErrorReportValve());
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
