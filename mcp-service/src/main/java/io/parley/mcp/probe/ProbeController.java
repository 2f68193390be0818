package io.parley.mcp.probe;

import io.parley.common.access.RolesClient;
import io.parley.common.error.ApiException;
import io.parley.common.security.CurrentUser;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's {@code POST /api/mcp/servers/probe}. Probing makes this service open outbound
 * connections, so it needs the role permission to add servers (MCP_SERVERS.USE and CREATE).
 */
@RestController
class ProbeController {

    private final Probe probe;
    private final RolesClient roles;

    ProbeController(Probe probe, RolesClient roles) {
        this.probe = probe;
        this.roles = roles;
    }

    @PostMapping("/api/mcp/servers/probe")
    Probe.Result probe(CurrentUser caller, @RequestBody(required = false) ProbeRequest body) {
        roles.require("MCP_SERVERS", "USE", "CREATE");
        if (body == null) {
            throw ApiException.Invalid.field("url", "is required");
        }
        return probe.probe(body.toConfig());
    }
}
