package io.parley.gateway.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Only while {@code PARLEY_API_DOCS} is on: {@code GET /api/docs/<service>} routed to that service's
 * {@code /v3/api-docs} (declared here, not in {@code application.yml}, because they exist only then and
 * reach springdoc's handler rather than the service's own routes), and the Swagger UI page and its files.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("parley.gateway.api-docs.enabled")
class ApiDocsRoutes {

    private static final String SERVICE_DOCS = "/v3/api-docs";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

    @Bean
    RouteLocator apiDocsServiceRoutes(RouteLocatorBuilder builder, Environment environment) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (String service : ApiDocs.SERVICES) {
            String uri = environment.getRequiredProperty("parley.services." + service);
            routes.route("api-docs-" + service, r -> r.path(ApiDocs.PAGE + "/" + service).and().method(HttpMethod.GET, HttpMethod.HEAD)
                    .filters(f -> f.setPath(SERVICE_DOCS)).uri(uri));
        }
        return routes.build();
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsPage() {
        String ui = WEBJAR + webjarVersion() + "/";
        Resource page = new ClassPathResource("apidocs/index.html");
        Resource initializer = new ClassPathResource("apidocs/parley-docs.js");
        return RouterFunctions.route()
                .GET(ApiDocs.PAGE, request -> file(page))
                .GET(ApiDocs.PAGE + "/", request -> file(page))
                .GET(ApiDocs.UI + "parley-docs.js", request -> file(initializer))
                .GET(ApiDocs.UI + "{file}", request -> uiFile(ui, request))
                .build();
    }

    private static Mono<ServerResponse> uiFile(String ui, ServerRequest request) {
        String name = ApiDocs.uiFile(request.path());
        Resource resource = name == null ? null : new ClassPathResource(ui + name);
        return resource == null || !resource.exists() ? ServerResponse.notFound().build() : file(resource);
    }

    private static Mono<ServerResponse> file(Resource resource) {
        MediaType type = MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ServerResponse.ok().contentType(type).cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff").bodyValue(resource);
    }

    /** The Swagger UI webjar's version, the folder its files are in. */
    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Swagger UI's files are not on the class path", e);
        }
        return pom.getProperty("version");
    }
}
