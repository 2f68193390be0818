package io.parley.gateway.security;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;

/**
 * Boot's readiness, held at REFUSING_TRAFFIC (OUT_OF_SERVICE) until auth-service's key set has been
 * fetched once: before that the gateway can only answer 503 to every signed-in request. A probe while
 * not ready asks for the keys in the background and answers at once; the probe after a fetch that
 * succeeded is ready. Liveness is untouched.
 */
final class KeySetReadiness extends ReadinessStateHealthIndicator {

    private final AuthServiceKeys keys;

    KeySetReadiness(ApplicationAvailability availability, AuthServiceKeys keys) {
        super(availability);
        this.keys = keys;
    }

    @Override
    protected AvailabilityState getState(ApplicationAvailability availability) {
        if (keys.fetchedOnce()) {
            return super.getState(availability);
        }
        keys.askUnlessFetched();
        return ReadinessState.REFUSING_TRAFFIC;
    }
}
