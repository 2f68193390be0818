package io.parley.e2e;

import io.parley.common.test.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * What the running system serves and how the gateway reaches it: every handler mapping of every service
 * (read from the service's Actuator {@code mappings}, which {@link ParleySystem} exposes), and the
 * gateway's routes, public paths and limit rules (read from its {@code application.yml}).
 */
final class RouteCatalogue {

    /** A method name, or {@code *} for a mapping that takes any method. */
    static final String ANY = "*";

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}|\\*\\*|\\*");

    /** One handler mapping of a service: one method and one path pattern. */
    record ServedRoute(String service, String method, String pattern, String handler) {

        boolean takesId() {
            return pattern.contains("{");
        }

        /** A concrete path the pattern matches: every variable or wildcard replaced by {@code x1}. */
        String samplePath() {
            return VARIABLE.matcher(pattern).replaceAll("x1");
        }

        @Override
        public String toString() {
            return method + " " + pattern + " (" + service + ")";
        }
    }

    /** A gateway route: the service it sends to, its path patterns and, if any, the one method it takes. */
    record GatewayRoute(String id, String service, List<String> paths, String method) {

        boolean matches(String method, String path) {
            return (this.method == null || this.method.equals(method) || method.equals(ANY))
                    && paths.stream().anyMatch(p -> pathMatches(p, path));
        }
    }

    /** A gateway public-path entry: {@code METHOD /pattern} or {@code /pattern} (any method). */
    record PublicPath(String method, String pattern) {

        static PublicPath parse(String entry) {
            String[] parts = entry.trim().split("\\s+", 2);
            return parts.length == 2 ? new PublicPath(parts[0].toUpperCase(Locale.ROOT), parts[1]) : new PublicPath(null, parts[0]);
        }

        boolean matches(String method, String path) {
            return (this.method == null || this.method.equals(method)) && pathMatches(pattern, path);
        }

        @Override
        public String toString() {
            return (method == null ? "" : method + " ") + pattern;
        }
    }

    /** A gateway limit rule: its path patterns and methods (empty: every method). */
    record LimitRule(String name, List<String> paths, List<String> methods) {

        boolean appliesTo(String method) {
            return methods.isEmpty() || method.equals(ANY) || methods.contains(method);
        }
    }

    private RouteCatalogue() {
    }

    /**
     * Every handler mapping of every running service, Spring's and Parley's own error and Actuator
     * handlers left out. {@code bearer} is any signed-in person's token (the mappings are not public).
     */
    static List<ServedRoute> servedRoutes(String bearer) {
        List<ServedRoute> routes = new ArrayList<>();
        for (String service : ParleySystem.services()) {
            Http.Response response = new Http(ParleySystem.serviceUrl(service)).get("/actuator/mappings", "Authorization", bearer);
            if (response.status() != 200) {
                throw new IllegalStateException(service + " answered " + response.status() + " for its mappings: " + response.body());
            }
            for (JsonNode context : response.json().get("contexts")) {
                for (JsonNode servlet : context.at("/mappings/dispatcherServlets")) {
                    for (JsonNode mapping : servlet) {
                        JsonNode conditions = mapping.at("/details/requestMappingConditions");
                        String handler = mapping.at("/details/handlerMethod/className").asString("");
                        if (conditions.isMissingNode() || !handler.startsWith("io.parley.")
                                || handler.startsWith("io.parley.common.")) {
                            continue;
                        }
                        String name = handler.substring(handler.lastIndexOf('.') + 1) + "." + mapping.at("/details/handlerMethod/name").asString("");
                        List<String> methods = new ArrayList<>();
                        conditions.get("methods").forEach(m -> methods.add(m.asString()));
                        if (methods.isEmpty()) {
                            methods.add(ANY);
                        }
                        for (JsonNode pattern : conditions.get("patterns")) {
                            for (String method : methods) {
                                routes.add(new ServedRoute(service, method, pattern.asString(), name));
                            }
                        }
                    }
                }
            }
        }
        return routes;
    }

    /** The gateway's settings as its {@code application.yml} declares them, flattened to dotted keys. */
    static Map<String, Object> gatewaySettings() {
        Path yml = Path.of(System.getProperty("parley.root", "..")).resolve("gateway/src/main/resources/application.yml");
        try (InputStream in = Files.newInputStream(yml)) {
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", new Yaml().load(in), flat);
            return flat;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + yml, e);
        }
    }

    /** The gateway's routes in their order (the first whose predicates match takes a request). */
    static List<GatewayRoute> gatewayRoutes(Map<String, Object> settings) {
        List<GatewayRoute> routes = new ArrayList<>();
        String prefix = "spring.cloud.gateway.server.webflux.routes";
        for (int i = 0; settings.containsKey(prefix + "[" + i + "].id"); i++) {
            String route = prefix + "[" + i + "]";
            String uri = String.valueOf(settings.get(route + ".uri"));
            String service = uri.replaceAll("^\\$\\{parley\\.services\\.(\\w+)}$", "$1") + "-service";
            List<String> paths = new ArrayList<>();
            String method = null;
            for (int j = 0; settings.containsKey(route + ".predicates[" + j + "]"); j++) {
                String predicate = String.valueOf(settings.get(route + ".predicates[" + j + "]"));
                String value = predicate.substring(predicate.indexOf('=') + 1);
                if (predicate.startsWith("Path=")) {
                    paths.addAll(List.of(value.split(",")));
                } else if (predicate.startsWith("Method=")) {
                    method = value.toUpperCase(Locale.ROOT);
                } else {
                    throw new IllegalStateException("A predicate this catalogue does not read: " + predicate);
                }
            }
            routes.add(new GatewayRoute(String.valueOf(settings.get(route + ".id")), service, paths, method));
        }
        return routes;
    }

    static List<PublicPath> publicPaths(Map<String, Object> settings) {
        return list(settings, "parley.gateway.public-paths").stream().map(PublicPath::parse).toList();
    }

    static List<LimitRule> limitRules(Map<String, Object> settings) {
        List<LimitRule> rules = new ArrayList<>();
        String prefix = "parley.gateway.limits.rules";
        for (int i = 0; settings.containsKey(prefix + "[" + i + "].name"); i++) {
            String rule = prefix + "[" + i + "]";
            rules.add(new LimitRule(String.valueOf(settings.get(rule + ".name")), list(settings, rule + ".paths"),
                    list(settings, rule + ".methods").stream().map(m -> m.toUpperCase(Locale.ROOT)).toList()));
        }
        return rules;
    }

    /** The route the gateway sends {@code method path} to, as Spring Cloud Gateway picks it: the first that matches. */
    static Optional<GatewayRoute> routeFor(List<GatewayRoute> routes, String method, String path) {
        return routes.stream().filter(r -> r.matches(method, path)).findFirst();
    }

    /** Spring's path pattern matching, with the gateway's default of a trailing slash matching too. */
    static boolean pathMatches(String pattern, String path) {
        PathPattern parsed = PARSER.parse(pattern);
        return parsed.matches(PathContainer.parsePath(path))
                || path.length() > 1 && path.endsWith("/") && parsed.matches(PathContainer.parsePath(path.substring(0, path.length() - 1)));
    }

    private static List<String> list(Map<String, Object> settings, String key) {
        List<String> values = new ArrayList<>();
        for (int i = 0; settings.containsKey(key + "[" + i + "]"); i++) {
            values.add(String.valueOf(settings.get(key + "[" + i + "]")));
        }
        return values;
    }

    private static void flatten(String key, Object value, Map<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(key.isEmpty() ? String.valueOf(k) : key + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(key + "[" + i + "]", list.get(i), out);
            }
        } else {
            out.put(key, value);
        }
    }
}
