package io.parley.common.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every Parley process shares, at the lowest precedence (any application.yml, environment
 * variable or command-line flag overrides them), plus LibreChat's environment names that Boot does
 * not know ({@code MONGODB_URI}, {@code REDIS_URI}).
 */
public class ParleyDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "parleyDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("spring.threads.virtual.enabled", "true");
        defaults.put("spring.mongodb.uri", "${MONGODB_URI:}");
        defaults.put("parley.redis.uri", "${REDIS_URI:}");
        defaults.put("parley.bans.enabled", "${BAN_VIOLATIONS:true}");
        defaults.put("parley.bans.interval", "${BAN_INTERVAL:20}");
        // LibreChat's BAN_DURATION is in milliseconds, as a bare number binds to a Duration.
        defaults.put("parley.bans.duration", "${BAN_DURATION:7200000}");
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-message", "never");
        defaults.put("server.forward-headers-strategy", "native");
        defaults.put("server.shutdown", "graceful");
        // Behind the gateway a connection carries many requests: Tomcat's default of closing it after 100
        // races the gateway's next request on it, which then fails (a POST is not retried).
        defaults.put("server.tomcat.max-keep-alive-requests", "-1");
        // LibreChat (Express) takes brackets and the like in a query or path and answers what it makes of
        // them; Tomcat would refuse them before Spring could give a JSON answer. Its request line and
        // headers may be as long as the gateway lets through (16 KB of target plus the headers).
        defaults.put("server.tomcat.relaxed-query-chars", "[,],{,},|,^,`,<,>,\",\\");
        defaults.put("server.tomcat.relaxed-path-chars", "[,],{,},|,^,`,<,>,\",\\");
        defaults.put("server.max-http-request-header-size", "32KB");
        defaults.put("parley.edge.previous-key", "${PARLEY_EDGE_PREVIOUS_KEY:}");
        defaults.put("parley.edge.key-file", "${parley.mongo.embedded.data-dir:data}/edge.key");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.health.mongodb.enabled", "false");
        defaults.put("management.health.redis.enabled", "false");
        defaults.put("management.otlp.metrics.export.enabled", "false");
        defaults.put("management.tracing.sampling.probability", "1.0");
        // Spring Security observes every filter of its chain on every request, which costs more than the
        // request's own work on a cheap route; the request's server and client observations (its metrics
        // and its trace) stay.
        defaults.put("management.observations.enable.spring.security", "false");
        // gRPC calls are authorized by CallerJwtServerInterceptor (the end user's relayed token), not by
        // Spring gRPC's security, which refuses unauthenticated public calls such as the key set.
        defaults.put("spring.autoconfigure.exclude",
                "org.springframework.boot.grpc.server.autoconfigure.security.GrpcSecurityAutoConfiguration,"
                        + "org.springframework.boot.grpc.server.autoconfigure.security.OAuth2ResourceServerAutoConfiguration,"
                        + "org.springframework.boot.grpc.server.autoconfigure.security.OAuth2ClientAutoConfiguration");
        // GrpcServerHealth below serves grpc.health.v1 on every service, even one with no service of its own yet.
        defaults.put("spring.grpc.server.health.enabled", "false");
        // Loopback unless told otherwise (containers set BIND_ADDRESS=0.0.0.0).
        defaults.put("server.address", "${BIND_ADDRESS:127.0.0.1}");
        defaults.put("spring.grpc.server.host", "${BIND_ADDRESS:127.0.0.1}");
        // Every gRPC call has a deadline: its channel's, set here once (a named channel does not inherit the
        // default channel's). A call that moves a file's bytes or waits on a tool sets its own, longer one.
        defaults.put("spring.grpc.client.default-channel.default-deadline", "2s");
        defaults.put("spring.grpc.client.channels.auth.default-deadline", "2s");
        defaults.put("spring.grpc.client.channels.agent.default-deadline", "3s");
        defaults.put("spring.grpc.client.channels.file.default-deadline", "3s");
        // Listing an agent's MCP tools may start its servers (each has 10 s to answer).
        defaults.put("spring.grpc.client.channels.mcp.default-deadline", "11s");
        // The embedded store warns on every index it accepts but does not use, and logs each connection.
        defaults.put("logging.level.de.bwaldvogel.mongo.backend", "ERROR");
        defaults.put("logging.level.de.bwaldvogel.mongo.wire", "WARN");
        defaults.put("logging.structured.format.console", "${LOG_FORMAT:ecs}");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
