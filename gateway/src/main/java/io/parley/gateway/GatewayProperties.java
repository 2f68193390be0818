package io.parley.gateway;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's edge settings.
 *
 * @param publicPaths    paths served without an access token (Ant patterns; "METHOD /path" limits one method)
 * @param corsOrigins    allowed browser origins ({@code DOMAIN_CLIENT}, comma-separated for several)
 * @param trustedProxies addresses (IP or CIDR) whose {@code X-Forwarded-For} is believed; empty: none
 * @param tenantHosts    host name to tenant; a host not listed is the default tenant
 * @param tenantHeader   a header set by a trusted proxy that names the tenant; empty: not used
 * @param maxJsonBody    largest request body of any kind but multipart
 * @param maxUploadBody  largest multipart request body
 */
@ConfigurationProperties("parley.gateway")
public record GatewayProperties(List<String> publicPaths,
                                @DefaultValue("http://localhost:3080") List<String> corsOrigins,
                                @DefaultValue List<String> trustedProxies,
                                @DefaultValue Map<String, String> tenantHosts,
                                @DefaultValue("") String tenantHeader,
                                @DefaultValue("3MB") DataSize maxJsonBody,
                                @DefaultValue("512MB") DataSize maxUploadBody) {
}
