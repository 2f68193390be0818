package io.parley.common.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** gRPC health follows the application: NOT_SERVING while starting, SERVING once ready, NOT_SERVING on stop. */
class GrpcServerHealthTest {

    @Test
    void healthIsServingOnlyBetweenReadyAndShutdown() throws Exception {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(GrpcServerHealth.class);
        String name = "health-" + UUID.randomUUID();
        Server server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(context.getBean(BindableService.class)).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);

            context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, java.time.Duration.ZERO));
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);

            context.close();
            assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }
}
