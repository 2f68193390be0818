package io.parley.common.access;

import io.parley.proto.auth.v1.AccessGrpc;
import io.parley.proto.auth.v1.RolesGrpc;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

/** The ACL and role clients, for every service that reaches auth-service on the gRPC channel "auth". */
@AutoConfiguration
@ConditionalOnClass({GrpcChannelFactory.class, AccessGrpc.class})
@ConditionalOnProperty("spring.grpc.client.channels.auth.address")
public class AccessClientsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AccessClient accessClient(GrpcChannelFactory channels) {
        return new AccessClient(AccessGrpc.newBlockingStub(channels.createChannel("auth")));
    }

    @Bean
    @ConditionalOnMissingBean
    RolesClient rolesClient(GrpcChannelFactory channels) {
        return new RolesClient(RolesGrpc.newBlockingStub(channels.createChannel("auth")));
    }
}
