package io.parley.chat.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Gauge {@code parley.chat.jobs.active}: generations running in this instance. A live stream costs a
 * connection and memory but little CPU, so the autoscaler scales chat-service on this as well as on CPU
 * (Prometheus: {@code parley_chat_jobs_active}, served to the HPA by prometheus-adapter).
 */
@Component
class ActiveJobsMeter implements MeterBinder {

    private final Jobs jobs;

    ActiveJobsMeter(Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("parley.chat.jobs.active", jobs, Jobs::activeHere)
                .description("Chat generations running in this instance")
                .register(registry);
    }
}
