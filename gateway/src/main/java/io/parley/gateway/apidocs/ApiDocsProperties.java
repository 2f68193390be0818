package io.parley.gateway.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled {@code PARLEY_API_DOCS}: {@code true} serves {@code /api/docs} (Swagger UI) and each service's
 *                description at {@code /api/docs/<service>}, readable without signing in; off by default, and
 *                then nothing of it is served
 */
@ConfigurationProperties("parley.gateway.api-docs")
record ApiDocsProperties(@DefaultValue("false") boolean enabled) {
}
