package io.parley.chat.share;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far shared links reach.
 *
 * @param publicLinks LibreChat's {@code ALLOW_SHARED_LINKS_PUBLIC}: whether a public link opens for people who
 *                    are not signed in; unset it is false, as in LibreChat 0.8.8, and a public link then needs
 *                    any signed-in person of the tenant
 */
@ConfigurationProperties("parley.chat.share")
record ShareProperties(@DefaultValue("false") boolean publicLinks) {
}
