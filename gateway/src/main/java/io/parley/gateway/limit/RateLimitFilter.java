package io.parley.gateway.limit;

import io.parley.common.error.ErrorBody;
import io.parley.common.redis.CountersUnavailable;
import io.parley.common.redis.Standings;
import io.parley.common.redis.Violations;
import io.parley.common.redis.WindowCounter;
import io.parley.common.security.CurrentUser;
import io.parley.gateway.edge.EdgeRequest;
import io.parley.gateway.edge.JsonErrors;
import io.parley.gateway.web.WebClientFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fixed-window limits per client address or user, and bans for repeat offenders, counted in Redis
 * (shared by all gateway instances) or in memory without it. A banned address or user gets 403 on
 * every route until the ban ends (health checks and the web client's files excepted); a request over
 * a limit gets 429 with {@code Retry-After}. A token of a deleted account or of an ended login session
 * (revoked by auth-service) gets 401 before anything else. A refusal counts against the person when the
 * request has one, else against the address; a trusted proxy's own address is never banned.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    static final String ACCOUNT_GONE = "The account no longer exists";
    static final String SESSION_ENDED = "The session has ended";
    private static final String HEALTH = "/health";
    static final String BANNED = Violations.BANNED_MESSAGE;

    private final WindowCounter counters;
    private final Violations violations;
    private final Standings standings;
    private final List<CompiledRule> rules;
    private final JsonErrors errors;
    private final WebClientFiles webClient;

    RateLimitFilter(WindowCounter counters, Violations violations, Standings standings, LimitProperties properties,
                    JsonErrors errors, WebClientFiles webClient) {
        this.webClient = webClient;
        this.counters = counters;
        this.violations = violations;
        this.standings = standings;
        this.errors = errors;
        this.rules = properties.rules().stream().map(CompiledRule::new).toList();
    }

    @Override
    public int getOrder() {
        return 10; // after Spring Security, so that the user is known
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // The web client's files: public, dozens per page load, and no API to protect (as in LibreChat,
        // whose limiters and bans guard its API routes only).
        if (HEALTH.equals(exchange.getRequest().getPath().value()) || webClient.serves(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(p -> Optional.of(CurrentUser.from(((JwtAuthenticationToken) p).getToken())))
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> filter(exchange, chain, new Offender(EdgeRequest.tenant(exchange),
                        EdgeRequest.clientIp(exchange), !EdgeRequest.clientIsProxy(exchange),
                        user.map(CurrentUser::id).orElse(null), user.map(CurrentUser::sessionId).orElse(null))));
    }

    /**
     * Revocation and bans as {@link Standings} knows them (at most one round trip to Redis, none while
     * fresh), then, only when a rule matches the route, one for the counters of the matching rules (a
     * refused request counts nowhere).
     */
    private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain, Offender offender) {
        return standing(offender).flatMap(standing -> {
            if (standing.revoked()) {
                return errors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorBody.of("unauthorized", ACCOUNT_GONE));
            }
            if (standing.sessionEnded()) {
                return errors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorBody.of("unauthorized", SESSION_ENDED));
            }
            Optional<Duration> banRemaining = standing.banRemaining();
            if (banRemaining.isPresent()) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, seconds(banRemaining.get()));
                return errors.write(exchange, HttpStatus.FORBIDDEN, ErrorBody.of("banned", BANNED));
            }
            return limit(exchange, chain, offender);
        });
    }

    private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, Offender offender) {
        List<CompiledRule> matching = rules.stream().filter(r -> r.matches(exchange)).toList();
        if (matching.isEmpty()) {
            return chain.filter(exchange);
        }
        return Flux.fromIterable(matching)
                .flatMapSequential(rule -> count(rule, offender).map(count -> new Hit(rule, count)))
                .collectList()
                .flatMap(hits -> decide(exchange, chain, offender, hits));
    }

    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, Offender offender, List<Hit> hits) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        hits.stream().findFirst().ifPresent(hit -> rateHeaders(headers, hit));
        Optional<Hit> over = hits.stream().filter(Hit::over).findFirst();
        if (over.isEmpty()) {
            return chain.filter(exchange);
        }
        Hit hit = over.get();
        rateHeaders(headers, hit);
        headers.set(HttpHeaders.RETRY_AFTER, seconds(hit.count().resetsIn()));
        log.info("Rate limited rule={} tenant_id={} client_ip={} user_id={}", hit.rule().rule.name(), offender.tenant(),
                offender.ip(), offender.userId());
        return violation(offender, hit.rule().rule.violationScore())
                .then(errors.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                        ErrorBody.of("rate_limited", hit.rule().rule.messageText())));
    }

    /** A deleted account's or an ended session's tokens still verify until they expire: auth-service revoked them. */
    private Mono<Standings.Standing> standing(Offender offender) {
        return Mono.fromCompletionStage(standings.of(offender.tenant(), offender.bannableIp(), offender.userId(),
                        offender.sessionId()))
                .onErrorResume(e -> failOpen(e, Standings.Standing.GOOD));
    }

    private Mono<WindowCounter.Count> count(CompiledRule rule, Offender offender) {
        String who = rule.rule.key() == LimitProperties.Key.USER ? offender.userId() : offender.ip();
        if (who == null) {
            return Mono.just(WindowCounter.Count.NONE);
        }
        String key = "limit:" + offender.tenant() + ":" + rule.rule.name() + ":" + who;
        return Mono.fromCompletionStage(counters.add(key, 1, rule.rule.window()))
                .onErrorResume(e -> failOpen(e, WindowCounter.Count.NONE));
    }

    private Mono<Void> violation(Offender offender, long score) {
        return Mono.fromCompletionStage(violations.add(offender.tenant(), offender.bannableIp(), offender.userId(), score))
                .doOnSuccess(done -> standings.forget(offender.tenant(), offender.bannableIp(), offender.userId()))
                .onErrorResume(e -> failOpen(e, null));
    }

    /**
     * Limits protect; an unreachable Redis must not take sign-in down with it. Revocations and bans
     * fail open the same way: a session ended (or a person banned) during an outage is refused once
     * Redis answers again, while refusing everyone would turn a Redis outage into a full one.
     */
    private static <T> Mono<T> failOpen(Throwable e, T fallback) {
        if (CountersUnavailable.is(e)) {
            // Logged once when Redis went away (RedisCircuit), not for every request meanwhile.
            log.debug("Rate limit store unavailable, request let through");
        } else {
            log.warn("Rate limit store unavailable, request let through: {}", e.toString());
        }
        return fallback == null ? Mono.empty() : Mono.just(fallback);
    }

    private static void rateHeaders(HttpHeaders headers, Hit hit) {
        int max = hit.rule().rule.max();
        String remaining = Long.toString(Math.max(0, max - hit.count().value()));
        String reset = seconds(hit.count().resetsIn());
        headers.set("RateLimit-Limit", Integer.toString(max));
        headers.set("RateLimit-Remaining", remaining);
        headers.set("RateLimit-Reset", reset);
        headers.set("X-RateLimit-Limit", Integer.toString(max));
        headers.set("X-RateLimit-Remaining", remaining);
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }

    /** @param ipBannable false for a trusted proxy's own address, which stands for many people */
    private record Offender(String tenant, String ip, boolean ipBannable, String userId, String sessionId) {

        String bannableIp() {
            return ipBannable ? ip : null;
        }
    }

    private record Hit(CompiledRule rule, WindowCounter.Count count) {

        boolean over() {
            return count.value() > rule.rule.max();
        }
    }

    private static final class CompiledRule {

        private final LimitProperties.Rule rule;
        private final List<PathPattern> paths;
        private final List<String> methods;

        CompiledRule(LimitProperties.Rule rule) {
            this.rule = rule;
            this.paths = rule.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
            this.methods = rule.methods().stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        }

        boolean matches(ServerWebExchange exchange) {
            PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
            return (methods.isEmpty() || methods.contains(exchange.getRequest().getMethod().name()))
                    && paths.stream().anyMatch(p -> p.matches(path));
        }
    }
}
