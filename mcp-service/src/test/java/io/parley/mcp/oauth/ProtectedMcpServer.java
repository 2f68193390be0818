package io.parley.mcp.oauth;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real MCP server over Streamable HTTP (the MCP Java SDK's server side in an embedded Tomcat on
 * 127.0.0.1) that demands a bearer token, as the MCP authorization spec has it: a request without a
 * valid token (signed by a trusted issuer of the {@link AuthorizationServer}, not expired, not marked
 * refused here) is a 401 with {@code WWW-Authenticate: Bearer resource_metadata="…"}, and the protected
 * resource metadata (RFC 9728) names issuer {@code dcr}. Its scopes include {@code openid}, which the
 * mock authorization server insists on. Its tool {@code whoami} answers with the
 * token's subject. {@code /internal/mcp} is another resource whose metadata names an authorization
 * server on {@code localhost}, which the outbound guard must refuse.
 */
final class ProtectedMcpServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Tomcat tomcat;
    private final McpSyncServer mcp;
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
    private final AuthorizationServer authorization;
    /** Every access token that reached the MCP endpoint, in order. */
    final List<String> tokensSeen = new CopyOnWriteArrayList<>();
    /** Tokens answered with 401 from now on (as a server that revoked them). */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final int port;

    ProtectedMcpServer(AuthorizationServer authorization, Set<String> trustedIssuers) {
        this.authorization = authorization;
        trustedIssuers.forEach(id -> decoders.put(authorization.issuer(id),
                NimbusJwtDecoder.withJwkSetUri(authorization.issuer(id) + "/jwks").build()));
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").contextExtractor(request -> McpTransportContext.create(
                        Map.of("sub", String.valueOf(request.getAttribute("sub")))))
                .build();
        McpSchema.Tool whoami = McpSchema.Tool.builder().name("whoami").description("Who the token is for")
                .inputSchema(McpJsonDefaults.getMapper(), "{\"type\":\"object\",\"properties\":{}}").build();
        mcp = McpServer.sync(transport).serverInfo("protected", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(McpServerFeatures.SyncToolSpecification.builder().tool(whoami).callHandler((exchange, request) ->
                        McpSchema.CallToolResult.builder().addTextContent("signed in as " + exchange.transportContext().get("sub"))
                                .isError(false).build()).build())
                .build();
        try {
            File base = Files.createTempDirectory("protected-mcp").toFile();
            tomcat = new Tomcat();
            tomcat.setBaseDir(base.getAbsolutePath());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", base.getAbsolutePath());
            Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
            context.addServletMappingDecoded("/mcp", "mcp");
            // every other path is the filter's (metadata, /internal/mcp); a request needs a servlet to reach it
            Tomcat.addServlet(context, "nothing", new jakarta.servlet.http.HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) {
                    response.setStatus(404);
                }
            });
            context.addServletMappingDecoded("/", "nothing");
            FilterDef guard = new FilterDef();
            guard.setFilterName("bearer");
            guard.setFilter(new Bearer());
            guard.setAsyncSupported("true");
            context.addFilterDef(guard);
            FilterMap everything = new FilterMap();
            everything.setFilterName("bearer");
            everything.addURLPattern("/*");
            context.addFilterMap(everything);
            tomcat.start();
            port = connector.getLocalPort();
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    String internalUrl() {
        return "http://127.0.0.1:" + port + "/internal/mcp";
    }

    String lastToken() {
        return tokensSeen.isEmpty() ? "" : tokensSeen.getLast();
    }

    @Override
    public void close() throws Exception {
        mcp.closeGracefully();
        tomcat.stop();
        tomcat.destroy();
    }

    /** The resource server's part: metadata, and a valid bearer token before anything reaches MCP. */
    private final class Bearer implements Filter {
        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            String path = request.getRequestURI();
            String base = "http://127.0.0.1:" + port;
            if (path.equals("/.well-known/oauth-protected-resource/mcp")) {
                write(response, Map.of("resource", base + "/mcp", "authorization_servers", List.of(authorization.issuer("dcr")),
                        "scopes_supported", List.of("openid", "mcp:tools"), "bearer_methods_supported", List.of("header")));
                return;
            }
            if (path.equals("/.well-known/oauth-protected-resource/internal/mcp")) {
                write(response, Map.of("resource", base + "/internal/mcp",
                        "authorization_servers", List.of("http://localhost:" + authorization.port() + "/dcr")));
                return;
            }
            String header = request.getHeader("Authorization");
            String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
            Jwt jwt = path.equals("/mcp") && token != null && !refused.contains(token) ? verify(token) : null;
            if (jwt == null) {
                String metadata = base + "/.well-known/oauth-protected-resource" + path;
                response.setHeader("WWW-Authenticate", "Bearer resource_metadata=\"" + metadata + "\", scope=\"openid mcp:tools\""
                        + (token == null ? "" : ", error=\"invalid_token\""));
                response.setStatus(401);
                return;
            }
            tokensSeen.add(token);
            request.setAttribute("sub", jwt.getSubject());
            chain.doFilter(req, res);
        }

        private Jwt verify(String token) {
            for (JwtDecoder decoder : decoders.values()) {
                try {
                    Jwt jwt = decoder.decode(token);
                    if (decoders.containsKey(String.valueOf(jwt.getClaims().get("iss")))) {
                        return jwt;
                    }
                } catch (JwtException wrongIssuerOrInvalid) {
                    // try the next issuer
                }
            }
            return null;
        }

        private void write(HttpServletResponse response, Object body) throws IOException {
            response.setStatus(200);
            response.setContentType("application/json");
            response.getOutputStream().write(JSON.writeValueAsBytes(body));
        }
    }
}
