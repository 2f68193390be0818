package io.parley.common.apidocs;

import io.parley.common.security.PublicPaths;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * A service's OpenAPI description, built by springdoc on its first request (nothing is scanned at start).
 * It is read through the gateway ({@code /api/docs/<service>}, only when the gateway's {@code PARLEY_API_DOCS}
 * is on), which is why it needs no access token here: like every path of a service it still needs the
 * gateway's edge assertion ({@link io.parley.common.edge.EdgeAssertionFilter}), so it is reached through
 * the gateway or not at all. Its server is the gateway's own origin ({@code /}), not the address the
 * gateway reached the service at, so Swagger UI's requests go through the gateway's token checks.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springdoc.core.configuration.SpringDocConfiguration")
@ConditionalOnBooleanProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
public class ApiDocsAutoConfiguration {

    /** springdoc's default path, the one the gateway's docs routes rewrite to. */
    public static final String PATH = "/v3/api-docs";
    static final String BEARER = "bearer";

    @Bean
    PublicPaths apiDocsPublicPath() {
        return new PublicPaths(PATH);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI parleyOpenApi(@Value("${spring.application.name:parley}") String service) {
        return new OpenAPI()
                .info(new Info().title("Parley " + service)
                        .description("The " + service + " routes of Parley's LibreChat 0.8-compatible API, served through the gateway.")
                        .version("0.8"))
                .servers(List.of(new Server().url("/").description("the gateway")))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
