package io.parley.chat;

import io.parley.common.security.PublicPaths;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Conversations, messages, presets, prompts, tags, search, users' own API keys and chat turns. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatApplication {

    /** LibreChat's client reads the config before sign-in; a token, when sent, is checked by the controller. */
    @Bean
    PublicPaths chatPublicPaths() {
        return new PublicPaths("/api/config");
    }

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
