package io.parley.common.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long and how many verified access tokens a process remembers (see {@link VerifiedTokens}).
 *
 * @param maxEntries  tokens held at most; the least used go first
 * @param holdAtMost  a token is verified again after this long even if it lives longer
 */
@ConfigurationProperties("parley.jwt.verified")
public record VerifiedTokenProperties(@DefaultValue("100000") long maxEntries,
                                      @DefaultValue("5m") Duration holdAtMost) {
}
