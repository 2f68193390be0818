package io.parley.common.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;

/**
 * Boot's readiness, held at REFUSING_TRAFFIC (OUT_OF_SERVICE) until the process has fetched the
 * verification keys once: before that it can only answer 503 to every signed-in request. Each probe
 * while not ready asks for the keys, so the process turns ready soon after auth-service is up. A
 * process with keys of its own (auth-service) or fixed ones is ready as Boot says; liveness is untouched.
 */
final class KeysReadiness extends ReadinessStateHealthIndicator {

    private final ObjectProvider<JWKSource<SecurityContext>> keys;

    KeysReadiness(ApplicationAvailability availability, ObjectProvider<JWKSource<SecurityContext>> keys) {
        super(availability);
        this.keys = keys;
    }

    @Override
    protected AvailabilityState getState(ApplicationAvailability availability) {
        return keys.getIfUnique() instanceof NoKeyOnFailure fetched && !fetched.held()
                ? ReadinessState.REFUSING_TRAFFIC
                : super.getState(availability);
    }
}
