package io.parley.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where LibreChat's web client build is.
 *
 * @param dir a folder holding the client's {@code index.html} and {@code assets/} ({@code PARLEY_WEB_DIR});
 *            blank: the gateway serves the API only
 */
@ConfigurationProperties("parley.gateway.web-client")
record WebClientProperties(@DefaultValue("") String dir) {
}
