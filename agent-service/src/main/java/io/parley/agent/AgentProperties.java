package io.parley.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * agent-service's settings ({@code parley.agent.*}).
 *
 * @param maxAccessible how many agent ids a list asks auth-service for at most (the agents shared
 *                      with the caller or the public); agents beyond it do not list, but stay
 *                      reachable by id
 */
@Validated
@ConfigurationProperties("parley.agent")
public record AgentProperties(@DefaultValue("10000") @Min(1) @Max(100_000) int maxAccessible) {
}
