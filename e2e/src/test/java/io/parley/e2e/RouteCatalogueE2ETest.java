package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.e2e.RouteCatalogue.GatewayRoute;
import io.parley.e2e.RouteCatalogue.LimitRule;
import io.parley.e2e.RouteCatalogue.PublicPath;
import io.parley.e2e.RouteCatalogue.ServedRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route every service serves against the gateway's routes, public paths and limit rules, and
 * against the isolation cases: a route added to a service without its gateway route, its public-path
 * entry in both places, or its isolation case fails here.
 */
class RouteCatalogueE2ETest extends E2ETest {

    /** Paths the gateway answers itself. */
    private static final List<String> GATEWAY_OWN = List.of("/health", "/actuator/health", "/actuator/health/**",
            "/actuator/prometheus");

    private List<ServedRoute> served;
    private List<GatewayRoute> routes;
    private Map<String, Object> gateway;

    @BeforeEach
    void catalogue() {
        served = RouteCatalogue.servedRoutes(signIn(uniqueTenant("catalogue")));
        gateway = RouteCatalogue.gatewaySettings();
        routes = RouteCatalogue.gatewayRoutes(gateway);
        assertThat(served).extracting(ServedRoute::service).containsAll(ParleySystem.services());
    }

    @Test
    void everyRouteAServiceServesIsRoutedByTheGatewayToThatService() {
        List<String> misrouted = new ArrayList<>();
        for (ServedRoute route : served) {
            Optional<GatewayRoute> target = RouteCatalogue.routeFor(routes, method(route), route.samplePath());
            if (target.isEmpty() || !target.get().service().equals(route.service())) {
                misrouted.add(route + " goes to " + target.map(t -> t.id() + " (" + t.service() + ")").orElse("no route"));
            }
        }
        assertThat(misrouted).as("routes the gateway does not send to the service that serves them").isEmpty();
    }

    @Test
    void everyPathOfAGatewayRouteReachesSomethingItsServiceServes() {
        List<String> empty = new ArrayList<>();
        for (GatewayRoute route : routes) {
            // "/a" and "/a/**" are one prefix: it must reach something through one of them
            Map<String, List<String>> prefixes = route.paths().stream().collect(Collectors.groupingBy(
                    p -> p.endsWith("/**") ? p.substring(0, p.length() - 3) : p, java.util.LinkedHashMap::new, Collectors.toList()));
            prefixes.forEach((prefix, paths) -> {
                boolean servesSomething = served.stream().anyMatch(s -> s.service().equals(route.service())
                        && (route.method() == null || route.method().equals(method(s)))
                        && paths.stream().anyMatch(p -> RouteCatalogue.pathMatches(p, s.samplePath()))
                        && RouteCatalogue.routeFor(routes, method(s), s.samplePath()).map(route::equals).orElse(false));
                if (!servesSomething) {
                    empty.add("route " + route.id() + " sends " + paths + " to " + route.service() + ", which serves nothing there");
                }
            });
        }
        assertThat(empty).as("gateway route paths that reach nothing").isEmpty();
    }

    @Test
    void everyPathPublicAtTheGatewayIsPublicInTheServiceThatServesIt() {
        List<String> refused = new ArrayList<>();
        for (PublicPath entry : RouteCatalogue.publicPaths(gateway)) {
            List<ServedRoute> matching = served.stream()
                    .filter(s -> entry.matches(entry.method() == null ? method(s) : entry.method(), s.samplePath())
                            && (entry.method() == null || s.method().equals(RouteCatalogue.ANY) || s.method().equals(entry.method())))
                    .filter(s -> RouteCatalogue.routeFor(routes, method(s), s.samplePath()).map(GatewayRoute::service)
                            .filter(s.service()::equals).isPresent())
                    .toList();
            if (matching.isEmpty()) {
                if (!GATEWAY_OWN.contains(entry.pattern())) {
                    refused.add(entry + " is public at the gateway but no service serves it");
                }
                continue;
            }
            for (ServedRoute route : matching) {
                String method = entry.method() == null ? method(route) : entry.method();
                Http.Response direct = new Http(ParleySystem.serviceUrl(route.service()))
                        .send(method, route.samplePath(), method.equals("GET") ? null : "{}");
                if (refusedBySecurity(direct)) {
                    refused.add(entry + ": " + method + " " + route.samplePath() + " without a token is 401 at " + route.service());
                }
            }
        }
        assertThat(refused).as("paths public at the gateway but refused without a token by their service").isEmpty();
    }

    @Test
    void everyLimitRuleNamesAPathAServiceServes() {
        List<String> unserved = new ArrayList<>();
        for (LimitRule rule : RouteCatalogue.limitRules(gateway)) {
            for (String path : rule.paths()) {
                boolean served = this.served.stream().anyMatch(s -> rule.appliesTo(s.method())
                        && RouteCatalogue.pathMatches(path, s.samplePath())
                        && RouteCatalogue.routeFor(routes, method(s), s.samplePath()).map(GatewayRoute::service)
                                .filter(s.service()::equals).isPresent());
                if (!served) {
                    unserved.add("limit rule " + rule.name() + " names " + rule.methods() + " " + path + ", which no service serves");
                }
            }
        }
        assertThat(unserved).as("limit rules over paths no one serves").isEmpty();
    }

    @Test
    void everyRouteThatTakesAnIdHasAnIsolationCaseOrAStatedExemption() {
        Set<String> cases = IsolationCases.CASES.stream().map(IsolationCases.Case::key).collect(Collectors.toSet());
        Set<String> idRoutes = served.stream().filter(ServedRoute::takesId).map(s -> s.method() + " " + s.pattern())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> allRoutes = served.stream().map(s -> s.method() + " " + s.pattern()).collect(Collectors.toSet());
        System.out.printf("route catalogue: %s; %d take an id; %d isolation cases; %d exemptions%n",
                served.stream().collect(Collectors.groupingBy(ServedRoute::service, java.util.TreeMap::new, Collectors.counting())),
                idRoutes.size(), IsolationCases.CASES.size(), IsolationCases.EXEMPT.size());

        assertThat(idRoutes.stream().filter(r -> !cases.contains(r) && !IsolationCases.EXEMPT.containsKey(r)).toList())
                .as("routes that take an id with neither an isolation case nor an exemption in IsolationCases").isEmpty();
        assertThat(cases.stream().filter(c -> !allRoutes.contains(c)).toList())
                .as("isolation cases for routes no service serves").isEmpty();
        assertThat(IsolationCases.EXEMPT.keySet().stream().filter(e -> !idRoutes.contains(e)).toList())
                .as("exemptions for routes that no service serves or that take no id").isEmpty();
    }

    private static String method(ServedRoute route) {
        return route.method().equals(RouteCatalogue.ANY) ? "GET" : route.method();
    }

    /** The services' security answers 401 with this body before any handler runs; a handler's own 401 says why. */
    private static boolean refusedBySecurity(Http.Response response) {
        return response.status() == 401 && response.body().contains("\"message\":\"Unauthorized\"");
    }
}
