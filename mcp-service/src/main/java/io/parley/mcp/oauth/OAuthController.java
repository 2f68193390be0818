package io.parley.mcp.oauth;

import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import io.parley.mcp.connection.Connections;
import io.parley.mcp.connection.SignInRequired;
import io.parley.mcp.server.ServerRef;
import io.parley.mcp.server.ServerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * LibreChat's MCP OAuth routes ({@code api/server/routes/mcp.js}) and reinitialize, which answers
 * {@code oauthRequired}/{@code oauthUrl} when the person must sign in first. Every route but the
 * callback needs the person's token; the callback is opened by their browser without one (the
 * gateway lets exactly {@code GET /api/mcp/*}{@code /oauth/callback} through) and finds its flow by
 * the unguessable {@code state} alone. Like LibreChat it sends the browser on to the client's
 * {@code /oauth/success?serverName=…} or {@code /oauth/error?error=…}; a callback that is not one at
 * all (no state or code, or malformed ones) is a 400 and changes nothing.
 */
@RestController
@RequestMapping("/api/mcp")
class OAuthController {

    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE = Pattern.compile("[\\x21-\\x7e]{1,2048}");
    private static final Pattern ERROR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final ServerRegistry registry;
    private final Connections connections;
    private final SignIns signIns;
    private final OAuthTokens tokens;

    OAuthController(ServerRegistry registry, Connections connections, SignIns signIns, OAuthTokens tokens) {
        this.registry = registry;
        this.connections = connections;
        this.signIns = signIns;
        this.tokens = tokens;
    }

    /**
     * Closes the person's connection and connects again (backoff forgotten); for a server they must
     * sign in to first, starts (or hands out the pending) sign-in, binds this browser to it and answers
     * LibreChat's {@code oauthRequired: true} with the {@code oauthUrl} to open.
     */
    @PostMapping("/{serverName}/reinitialize")
    Map<String, Object> reinitialize(CurrentUser caller, @PathVariable String serverName, HttpServletRequest request,
                                     HttpServletResponse response) {
        ServerRef server = registry.require(caller, serverName);
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            connections.reinitialize(caller, server);
            body.put("success", true);
            body.put("message", "MCP server '" + serverName + "' reinitialized successfully");
            body.put("serverName", serverName);
            body.put("oauthRequired", false);
        } catch (SignInRequired required) {
            SignIns.Started started = signIns.begin(caller, server);
            BrowserBinding.set(request, response, server.name(), started.binding(), signIns.flowTimeout());
            body.put("success", true);
            body.put("message", "OAuth authorization required for MCP server '" + serverName + "'");
            body.put("serverName", serverName);
            body.put("oauthRequired", true);
            body.put("oauthUrl", started.link().authUrl());
            body.put("flowId", started.link().flowId());
            body.put("oauthTimeout", signIns.flowTimeout().toMillis());
        }
        return body;
    }

    /** Starts (or resumes) the person's sign-in from a link and sends the browser to the authorization server. */
    @GetMapping("/{serverName}/oauth/initiate")
    ResponseEntity<Void> initiate(CurrentUser caller, @PathVariable String serverName,
                                  @RequestParam(required = false) @Nullable String userId, HttpServletRequest request,
                                  HttpServletResponse response) {
        if (userId != null && !userId.equals(caller.id())) {
            throw new ApiException.Forbidden("User mismatch", "The link was made for another person");
        }
        ServerRef server = registry.require(caller, serverName);
        SignIns.Started started = signIns.begin(caller, server);
        BrowserBinding.set(request, response, server.name(), started.binding(), signIns.flowTimeout());
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(started.link().authUrl())).build();
    }

    /**
     * Binds this browser to the person's pending sign-in (LibreChat's client calls it before opening the
     * {@code auth} link of a tool call, whose sign-in was started during an agent run).
     */
    @PostMapping("/{serverName}/oauth/bind")
    Map<String, Object> bind(CurrentUser caller, @PathVariable String serverName, HttpServletRequest request,
                             HttpServletResponse response) {
        ServerRef server = registry.require(caller, serverName);
        SignIns.Started pending = signIns.pending(caller, server).orElseThrow(() -> new ApiException.NotFound("Flow not found",
                "No sign-in to MCP server '" + serverName + "' is pending"));
        BrowserBinding.set(request, response, server.name(), pending.binding(), signIns.flowTimeout());
        return Map.of("success", true);
    }

    @GetMapping("/{serverName}/oauth/callback")
    ResponseEntity<Void> callback(@PathVariable String serverName, @RequestParam(required = false) @Nullable String code,
                                  @RequestParam(required = false) @Nullable String state,
                                  @RequestParam(required = false) @Nullable String error,
                                  HttpServletRequest request, HttpServletResponse response) {
        if (!ServerRegistry.NAME.matcher(serverName).matches()) {
            throw ServerRegistry.notFound(serverName);
        }
        if (error != null) {
            String shown = ERROR.matcher(error).matches() ? error : "access_denied";
            if (state != null && STATE.matcher(state).matches()) {
                signIns.declined(serverName, state, shown, name -> BrowserBinding.read(request, serverName));
            }
            return redirect("/oauth/error?error=" + UriUtils.encode(shown, StandardCharsets.UTF_8));
        }
        if (state == null || !STATE.matcher(state).matches() || code == null || !CODE.matcher(code).matches()) {
            throw new ApiException.Invalid("invalid_request", "An OAuth callback needs a code and the state it was started with",
                    List.of(new ApiException.FieldProblem(state == null || !STATE.matcher(state).matches() ? "state" : "code",
                            "missing or malformed")));
        }
        String failure = signIns.complete(serverName, state, code, name -> BrowserBinding.read(request, serverName));
        if (failure == null || "callback_failed".equals(failure)) {
            BrowserBinding.clear(request, response, serverName);
        }
        return failure == null ? redirect("/oauth/success?serverName=" + UriUtils.encode(serverName, StandardCharsets.UTF_8))
                : redirect("/oauth/error?error=" + failure);
    }

    /** LibreChat's poll of a sign-in; the person's own only ({@code <their id>:<server>}), any other is not found. */
    @GetMapping("/oauth/status/{flowId}")
    Map<String, Object> status(CurrentUser caller, @PathVariable String flowId) {
        Flow flow = signIns.byId(caller, flowId).orElseThrow(flowNotFound());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", flow.status());
        body.put("completed", Flow.COMPLETED.equals(flow.status()));
        body.put("failed", Flow.FAILED.equals(flow.status()));
        if (flow.error() != null) {
            body.put("error", flow.error());
        }
        return body;
    }

    /**
     * What a completed sign-in obtained. LibreChat answers the tokens themselves; Parley never hands
     * them to a browser, only what they are (type, scope, expiry).
     */
    @GetMapping("/oauth/tokens/{flowId}")
    Map<String, Object> tokens(CurrentUser caller, @PathVariable String flowId) {
        Flow flow = signIns.byId(caller, flowId).orElseThrow(flowNotFound());
        if (!Flow.COMPLETED.equals(flow.status())) {
            throw new ApiException.Invalid("Flow not completed", "The sign-in has not completed", List.of());
        }
        return Map.of("tokens", tokens.summary(flow).orElseThrow(flowNotFound()));
    }

    @PostMapping("/oauth/cancel/{serverName}")
    Map<String, Object> cancel(CurrentUser caller, @PathVariable String serverName) {
        ServerRef server = registry.require(caller, serverName);
        return signIns.cancel(caller, server)
                ? Map.of("success", true, "message", "OAuth flow for " + serverName + " cancelled successfully")
                : Map.of("success", true, "message", "No active OAuth flow to cancel");
    }

    private static Supplier<ApiException.NotFound> flowNotFound() {
        return () -> new ApiException.NotFound("Flow not found", "Flow not found");
    }

    private static ResponseEntity<Void> redirect(String location) {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location)).build();
    }
}
