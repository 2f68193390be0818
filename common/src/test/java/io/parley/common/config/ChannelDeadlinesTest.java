package io.parley.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Every channel a service calls has a deadline, whatever else its own configuration says about it. */
class ChannelDeadlinesTest {

    @Test
    void eachNamedChannelKeepsItsDeadlineWhenAServiceConfiguresOnlyItsAddress() {
        GrpcClientProperties client = bind(Map.of(
                "spring.grpc.client.channels.auth.address", "static://10.0.0.1:9081",
                "spring.grpc.client.channels.agent.address", "static://10.0.0.1:9083",
                "spring.grpc.client.channels.file.address", "static://10.0.0.1:9084",
                "spring.grpc.client.channels.mcp.address", "static://10.0.0.1:9085"));

        assertThat(client.getChannel("auth").getDefaultDeadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(client.getChannel("agent").getDefaultDeadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(client.getChannel("file").getDefaultDeadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(client.getChannel("mcp").getDefaultDeadline()).isEqualTo(Duration.ofSeconds(11));
        assertThat(client.getChannel("auth").getAddress()).isEqualTo("static://10.0.0.1:9081");
        assertThat(client.getChannel("unnamed").getDefaultDeadline()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aServiceMaySetAChannelsDeadlineOfItsOwn() {
        GrpcClientProperties client = bind(Map.of("spring.grpc.client.channels.file.default-deadline", "30s"));

        assertThat(client.getChannel("file").getDefaultDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(client.getChannel("auth").getDefaultDeadline()).isEqualTo(Duration.ofSeconds(2));
    }

    private static GrpcClientProperties bind(Map<String, Object> service) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", service));
        new ParleyDefaults().postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment).bind("spring.grpc.client", GrpcClientProperties.class)
                .get();
    }
}
