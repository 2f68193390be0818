package io.parley.common.grpc;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * {@code grpc.health.v1.Health} on every service: SERVING once the application is ready, NOT_SERVING
 * as it shuts down, so Kubernetes gRPC probes and load balancers follow the same life cycle as the
 * HTTP readiness probe. Being a service of its own, it also makes the gRPC server start in a service
 * that exposes nothing else yet.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
        "org.springframework.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration"})
@ConditionalOnClass({HealthStatusManager.class, BindableService.class})
public class GrpcServerHealth {

    private final HealthStatusManager health = new HealthStatusManager();

    @Bean
    HealthStatusManager parleyGrpcHealthStatus() {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
        return health;
    }

    @Bean
    BindableService parleyGrpcHealthService(HealthStatusManager status) {
        return status.getHealthService();
    }

    @EventListener(ApplicationReadyEvent.class)
    void serving() {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    }

    @EventListener(ContextClosedEvent.class)
    void stopping() {
        health.enterTerminalState();
    }
}
