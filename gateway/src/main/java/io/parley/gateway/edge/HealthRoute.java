package io.parley.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** LibreChat's {@code GET /health}: plain "OK" while the gateway serves (load balancers poll it). */
@Configuration(proxyBeanMethods = false)
class HealthRoute {

    @Bean
    RouterFunction<ServerResponse> health() {
        return RouterFunctions.route().GET("/health",
                request -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("OK")).build();
    }
}
