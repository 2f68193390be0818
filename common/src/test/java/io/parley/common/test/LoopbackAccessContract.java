package io.parley.common.test;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link AccessContract} against a stand-in of auth-service that listens on a loopback port, in tenants
 * that exist as tokens only: what every service's stand-in needs, leaving the resource type and the way
 * a role is granted to the stand-in's own test.
 */
public abstract class LoopbackAccessContract implements AccessContract {

    private final ManagedChannel channel;

    protected LoopbackAccessContract(int port) {
        channel = GrpcCalls.loopback(port);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Tenant newTenant() {
        return AccessContract.tokensOnly();
    }
}
