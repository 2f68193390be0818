package io.parley.common.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Which routes a service serves that its OpenAPI description leaves out: every handler mapping of
 * Spring's {@link RequestMappingHandlerMapping} but Spring's, springdoc's and Parley's shared error
 * handlers (Actuator's endpoints are mapped elsewhere), each with each of its methods.
 */
public final class ApiDocsCoverage {

    /** One method of one path pattern; {@code *} for a mapping that takes any method. */
    public record Route(String method, String pattern, String handler) {

        @Override
        public String toString() {
            return method + " " + pattern + " (" + handler + ")";
        }
    }

    private ApiDocsCoverage() {
    }

    /** The routes the service itself serves. */
    public static List<Route> routes(RequestMappingHandlerMapping mappings) {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            String type = handler.getBeanType().getName();
            if (!type.startsWith("io.parley.") || type.startsWith("io.parley.common.")) {
                continue;
            }
            String name = handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName();
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add(new Route("*", pattern, name));
                }
                methods.forEach(m -> routes.add(new Route(m.name(), pattern, name)));
            }
        }
        return routes;
    }

    /** The routes {@code description} has no operation for (any operation of the path, for {@code *}). */
    public static List<Route> undocumented(List<Route> routes, JsonNode description) {
        JsonNode paths = description.path("paths");
        return routes.stream().filter(route -> {
            JsonNode operations = paths.path(openApiPath(route.pattern()));
            return route.method().equals("*") ? operations.isEmpty()
                    : !operations.has(route.method().toLowerCase(Locale.ROOT));
        }).toList();
    }

    /** A path variable with a regular expression ({@code {name:.+}}) is written {@code {name}} in OpenAPI. */
    static String openApiPath(String pattern) {
        return pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }
}
