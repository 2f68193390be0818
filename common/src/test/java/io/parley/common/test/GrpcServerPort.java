package io.parley.common.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/** The random port the service's gRPC server started on, for tests that call it as a peer service would. */
@TestConfiguration
public class GrpcServerPort {

    public volatile int port;

    @EventListener
    void started(GrpcServerStartedEvent event) {
        port = event.getPort();
    }
}
