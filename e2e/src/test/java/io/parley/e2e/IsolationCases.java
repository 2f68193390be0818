package io.parley.e2e;

import java.util.List;
import java.util.Map;

/**
 * The isolation cases: for every route that takes an id (a path variable), how to call it with another
 * person's ids. {@link RouteCatalogueE2ETest} checks that every such route of every service is here or
 * in {@link #EXEMPT} with its reason; {@link IsolationMatrixE2ETest} calls each case as a person of the
 * owner's tenant and as one of another tenant.
 *
 * <p>In a path or body, {@code {name}} stands for one of the owner's ids: {@code user}, {@code convo},
 * {@code message}, {@code preset}, {@code promptGroup}, {@code prompt}, {@code tag}, {@code agent} (the
 * agent's {@code id}), {@code agentObjectId} (its {@code _id}, the ACL resource id), {@code file},
 * {@code mcpServer} (a server's name), {@code mcpDbId}, {@code group} (an admin group), {@code key} (an
 * endpoint name the owner keeps a key for); {@code {fresh}} is a new UUID for every request.
 *
 * <p>A new route that takes an id: add a case (method, the route's pattern as the service maps it, the
 * path and a plausible body), or, when the id is no one's resource, an exemption saying why.
 */
final class IsolationCases {

    /** How the request carries its body. */
    enum Body { NONE, JSON, IMAGE }

    /**
     * @param route      the service's mapping pattern this case covers, as its Actuator mappings show it
     * @param path       the request path, with the owner's ids in braces
     * @param body       JSON with the owner's ids in braces, or null
     * @param ownScoped  null when a stranger must be refused (403 or 404); otherwise why the contract answers
     *                   2xx, scoped to the caller: the answer must then equal the answer for ids no one has
     */
    record Case(String method, String route, String path, Body kind, String body, String ownScoped) {

        static Case refused(String method, String route, String path) {
            return new Case(method, route, path, Body.NONE, null, null);
        }

        static Case refused(String method, String route, String path, String body) {
            return new Case(method, route, path, Body.JSON, body, null);
        }

        static Case image(String method, String route, String path) {
            return new Case(method, route, path, Body.IMAGE, null, null);
        }

        static Case ownScoped(String method, String route, String path, String why) {
            return new Case(method, route, path, Body.NONE, null, why);
        }

        String key() {
            return method + " " + route;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String ADMIN_OWN_ENTRIES =
            "an ADMIN reads its own tenant's entries for the id: none for another tenant's resource";

    static final List<Case> CASES = List.of(
            // auth-service: people and groups (ADMIN routes; the other tenant's caller is its ADMIN)
            Case.refused("POST", "/api/admin/users/{userId}/ban", "/api/admin/users/{user}/ban", "{\"durationMs\":60000}"),
            Case.refused("DELETE", "/api/admin/users/{userId}/ban", "/api/admin/users/{user}/ban"),
            Case.refused("POST", "/api/admin/users/{userId}/balance", "/api/admin/users/{user}/balance", "{\"amount\":1000,\"requestId\":\"{fresh}\"}"),
            Case.refused("PUT", "/api/admin/users/{userId}/balance", "/api/admin/users/{user}/balance", "{\"tokenCredits\":1}"),
            Case.refused("PUT", "/api/admin/users/{userId}/password", "/api/admin/users/{user}/password", "{\"password\":\"Taken-Over-99\"}"),
            Case.refused("DELETE", "/api/admin/users/{userId}", "/api/admin/users/{user}"),
            Case.refused("GET", "/api/admin/groups/{id}", "/api/admin/groups/{group}"),
            Case.refused("PATCH", "/api/admin/groups/{id}", "/api/admin/groups/{group}", "{\"name\":\"taken over\"}"),
            Case.refused("POST", "/api/admin/groups/{id}/members", "/api/admin/groups/{group}/members", "{\"userIds\":[\"{user}\"]}"),
            Case.refused("DELETE", "/api/admin/groups/{id}/members/{userId}", "/api/admin/groups/{group}/members/{user}"),
            Case.refused("DELETE", "/api/admin/groups/{id}", "/api/admin/groups/{group}"),
            Case.refused("GET", "/api/admin/grants/{principalType}/{principalId}", "/api/admin/grants/user/{user}"),
            Case.refused("DELETE", "/api/admin/grants/{principalType}/{principalId}/{capability}",
                    "/api/admin/grants/user/{user}/read:users"),
            // auth-service: resource ACLs, by each kind of resource the owner has
            Case.ownScoped("GET", "/api/permissions/{resourceType}/{resourceId}", "/api/permissions/agent/{agentObjectId}", ADMIN_OWN_ENTRIES),
            Case.ownScoped("GET", "/api/permissions/{resourceType}/{resourceId}", "/api/permissions/promptGroup/{promptGroup}", ADMIN_OWN_ENTRIES),
            Case.ownScoped("GET", "/api/permissions/{resourceType}/{resourceId}", "/api/permissions/mcpServer/{mcpDbId}", ADMIN_OWN_ENTRIES),
            Case.refused("PUT", "/api/permissions/{resourceType}/{resourceId}", "/api/permissions/agent/{agentObjectId}",
                    "{\"updated\":[],\"removed\":[],\"public\":true,\"publicAccessRoleId\":\"agent_editor\"}"),
            Case.refused("PUT", "/api/permissions/{resourceType}/{resourceId}", "/api/permissions/promptGroup/{promptGroup}",
                    "{\"updated\":[],\"removed\":[{\"type\":\"user\",\"id\":\"{user}\"}],\"public\":true,\"publicAccessRoleId\":\"promptGroup_viewer\"}"),
            Case.refused("PUT", "/api/permissions/{resourceType}/{resourceId}", "/api/permissions/mcpServer/{mcpDbId}",
                    "{\"updated\":[],\"removed\":[],\"public\":true,\"publicAccessRoleId\":\"mcpServer_viewer\"}"),
            Case.ownScoped("GET", "/api/permissions/{resourceType}/{resourceId}/effective", "/api/permissions/agent/{agentObjectId}/effective",
                    "the caller's own permission bits, the same for an id no one has"),
            Case.ownScoped("GET", "/api/permissions/{resourceType}/effective/all", "/api/permissions/agent/effective/all",
                    "the caller's own bits over what the caller may reach"),

            // chat-service: conversations and messages
            Case.refused("GET", "/api/convos/{conversationId}", "/api/convos/{convo}"),
            Case.refused("GET", "/api/convos/gen_title/{conversationId}", "/api/convos/gen_title/{convo}"),
            Case.refused("GET", "/api/convos/export/{conversationId}", "/api/convos/export/{convo}"),
            Case.refused("DELETE", "/api/convos/{conversationId}", "/api/convos/{convo}"),
            Case.refused("POST", "/api/convos/update", "/api/convos/update", "{\"arg\":{\"conversationId\":\"{convo}\",\"title\":\"taken over\"}}"),
            Case.refused("POST", "/api/convos/archive", "/api/convos/archive", "{\"arg\":{\"conversationId\":\"{convo}\",\"isArchived\":true}}"),
            Case.refused("POST", "/api/convos/pin", "/api/convos/pin", "{\"arg\":{\"conversationId\":\"{convo}\",\"pinned\":true}}"),
            Case.refused("POST", "/api/convos/fork", "/api/convos/fork", "{\"conversationId\":\"{convo}\",\"messageId\":\"{message}\"}"),
            Case.refused("POST", "/api/convos/duplicate", "/api/convos/duplicate", "{\"conversationId\":\"{convo}\"}"),
            Case.refused("DELETE", "/api/convos", "/api/convos", "{\"arg\":{\"conversationId\":\"{convo}\"}}"),
            Case.refused("GET", "/api/messages/{conversationId}", "/api/messages/{convo}"),
            Case.refused("GET", "/api/messages/{conversationId}/{messageId}", "/api/messages/{convo}/{message}"),
            Case.refused("PUT", "/api/messages/{conversationId}/{messageId}", "/api/messages/{convo}/{message}", "{\"text\":\"taken over\"}"),
            Case.refused("PUT", "/api/messages/{conversationId}/{messageId}/feedback", "/api/messages/{convo}/{message}/feedback",
                    "{\"feedback\":{\"rating\":\"thumbsDown\",\"tag\":\"not_helpful\"}}"),
            Case.refused("POST", "/api/messages/artifact/{messageId}", "/api/messages/artifact/{message}",
                    "{\"index\":0,\"original\":\"alpha\",\"updated\":\"taken over\"}"),
            Case.refused("DELETE", "/api/messages/{conversationId}/{messageId}", "/api/messages/{convo}/{message}"),
            // chat-service: turns and their streams (LibreChat's stream id is the conversation id)
            Case.refused("POST", "/api/agents/chat/{endpoint}", "/api/agents/chat/offline-demo", """
                    {"text":"planted","sender":"User","isCreatedByUser":true,"conversationId":"{convo}",
                     "parentMessageId":"{message}","endpoint":"offline-demo","model":"parley-demo"}"""),
            Case.refused("POST", "/api/agents/chat/abort", "/api/agents/chat/abort", "{\"conversationId\":\"{convo}\",\"streamId\":\"{convo}\"}"),
            Case.refused("GET", "/api/agents/chat/stream/{streamId}", "/api/agents/chat/stream/{convo}"),
            Case.ownScoped("GET", "/api/agents/chat/status/{conversationId}", "/api/agents/chat/status/{convo}",
                    "LibreChat's {active:false} for any conversation without a job of the caller's"),
            Case.refused("GET", "/api/messages/stream/{conversationId}", "/api/messages/stream/{convo}"),
            // chat-service: tags, presets, prompts, keys
            Case.refused("PUT", "/api/tags/convo/{conversationId}", "/api/tags/convo/{convo}", "{\"tags\":[\"planted\"]}"),
            Case.refused("PUT", "/api/tags/{tag}", "/api/tags/{tag}", "{\"tag\":\"taken-over\",\"description\":\"x\"}"),
            Case.refused("DELETE", "/api/tags/{tag}", "/api/tags/{tag}"),
            Case.refused("PUT", "/api/presets/{presetId}", "/api/presets/{preset}", "{\"title\":\"taken over\"}"),
            Case.refused("DELETE", "/api/presets/{presetId}", "/api/presets/{preset}"),
            new Case("POST", "/api/presets/delete", "/api/presets/delete", Body.JSON, "{\"presetId\":\"{preset}\"}",
                    "LibreChat's 201 with the count of the caller's own presets deleted"),
            Case.refused("GET", "/api/prompts/groups/{groupId}", "/api/prompts/groups/{promptGroup}"),
            Case.refused("PATCH", "/api/prompts/groups/{groupId}", "/api/prompts/groups/{promptGroup}", "{\"name\":\"taken over\"}"),
            Case.refused("PATCH", "/api/prompts/{groupId}", "/api/prompts/{promptGroup}", "{\"name\":\"taken over\"}"),
            Case.refused("POST", "/api/prompts/groups/{groupId}/prompts", "/api/prompts/groups/{promptGroup}/prompts",
                    "{\"prompt\":{\"prompt\":\"planted\",\"type\":\"text\"}}"),
            Case.refused("POST", "/api/prompts/groups/{groupId}/use", "/api/prompts/groups/{promptGroup}/use"),
            Case.refused("DELETE", "/api/prompts/groups/{groupId}", "/api/prompts/groups/{promptGroup}"),
            Case.refused("GET", "/api/prompts/{promptId}", "/api/prompts/{prompt}"),
            Case.refused("PATCH", "/api/prompts/{promptId}/tags/production", "/api/prompts/{prompt}/tags/production"),
            Case.refused("DELETE", "/api/prompts/{promptId}", "/api/prompts/{prompt}"),
            Case.ownScoped("DELETE", "/api/keys/{name}", "/api/keys/{key}",
                    "deletes the caller's own key of that endpoint, of which the caller has none"),
            Case.refused("POST", "/api/share/{conversationId}", "/api/share/{convo}", "{}"),
            Case.ownScoped("GET", "/api/share/link/{conversationId}", "/api/share/link/{convo}",
                    "answers as for a conversation of the caller's with no link"),
            Case.refused("PATCH", "/api/share/{shareId}", "/api/share/{share}", "{}"),
            Case.refused("DELETE", "/api/share/{shareId}", "/api/share/{share}"),
            Case.refused("PATCH", "/api/memories/{key}", "/api/memories/{memory}", "{\"value\":\"taken over\"}"),
            Case.refused("DELETE", "/api/memories/{key}", "/api/memories/{memory}"),
            Case.refused("GET", "/api/projects/{projectId}", "/api/projects/{project}"),
            Case.refused("PATCH", "/api/projects/{projectId}", "/api/projects/{project}", "{\"name\":\"taken over\"}"),
            Case.refused("DELETE", "/api/projects/{projectId}", "/api/projects/{project}"),
            Case.refused("PUT", "/api/projects/conversations/{conversationId}", "/api/projects/conversations/{convo}",
                    "{\"projectId\":null}"),

            // agent-service
            Case.refused("GET", "/api/agents/{id}", "/api/agents/{agent}"),
            Case.refused("GET", "/api/agents/{id}/expanded", "/api/agents/{agent}/expanded"),
            Case.refused("PATCH", "/api/agents/{id}", "/api/agents/{agent}", "{\"name\":\"taken over\"}"),
            Case.refused("POST", "/api/agents/{id}/duplicate", "/api/agents/{agent}/duplicate"),
            Case.refused("POST", "/api/agents/{id}/revert", "/api/agents/{agent}/revert", "{\"version_index\":0}"),
            Case.refused("DELETE", "/api/agents/{id}", "/api/agents/{agent}"),
            Case.refused("POST", "/api/agents/{id}/install", "/api/agents/{agent}/install"),
            Case.refused("DELETE", "/api/agents/{id}/install", "/api/agents/{agent}/install"),
            Case.refused("GET", "/api/agents/{id}/access", "/api/agents/{agent}/access"),
            Case.refused("POST", "/api/agents/{id}/share", "/api/agents/{agent}/share",
                    "{\"principalType\":\"public\",\"accessRoleId\":\"agent_editor\"}"),
            Case.refused("PATCH", "/api/agents/{id}/share/{shareId}", "/api/agents/{agent}/share/user:{user}",
                    "{\"accessRoleId\":\"agent_viewer\"}"),
            Case.refused("DELETE", "/api/agents/{id}/share/{shareId}", "/api/agents/{agent}/share/user:{user}"),

            // file-service
            Case.refused("GET", "/api/files/{fileId}", "/api/files/{file}"),
            Case.refused("GET", "/api/files/download/{userId}/{fileId}", "/api/files/download/{user}/{file}"),
            Case.refused("GET", "/api/files/download-url/{userId}/{fileId}", "/api/files/download-url/{user}/{file}"),
            Case.ownScoped("GET", "/api/files/agent/{agentId}", "/api/files/agent/{agent}",
                    "LibreChat's empty list to anyone who may not edit the agent"),
            Case.refused("DELETE", "/api/files/{fileId}", "/api/files/{file}"),
            Case.refused("DELETE", "/api/files/images/{fileId}", "/api/files/images/{file}"),
            new Case("DELETE", "/api/files", "/api/files", Body.JSON, "{\"files\":[{\"file_id\":\"{file}\",\"filepath\":\"x\"}]}",
                    "LibreChat's 200 whatever was deleted; only the caller's own files are"),
            Case.image("POST", "/api/files/images/agents/{agentId}/avatar", "/api/files/images/agents/{agent}/avatar"),

            // mcp-service
            Case.refused("GET", "/api/mcp/servers/{serverName}", "/api/mcp/servers/{mcpServer}"),
            Case.refused("PATCH", "/api/mcp/servers/{serverName}", "/api/mcp/servers/{mcpServer}",
                    "{\"config\":{\"type\":\"streamable-http\",\"title\":\"taken over\",\"url\":\"http://127.0.0.1:9/mcp\"}}"),
            Case.refused("DELETE", "/api/mcp/servers/{serverName}", "/api/mcp/servers/{mcpServer}"),
            Case.refused("GET", "/api/mcp/connection/status/{serverName}", "/api/mcp/connection/status/{mcpServer}"),
            Case.refused("POST", "/api/mcp/{serverName}/reinitialize", "/api/mcp/{mcpServer}/reinitialize"),
            Case.refused("GET", "/api/mcp/{serverName}/auth-values", "/api/mcp/{mcpServer}/auth-values"),
            Case.refused("GET", "/api/mcp/{serverName}/oauth/initiate", "/api/mcp/{mcpServer}/oauth/initiate"),
            Case.refused("POST", "/api/mcp/{serverName}/oauth/bind", "/api/mcp/{mcpServer}/oauth/bind"),
            Case.refused("POST", "/api/mcp/oauth/cancel/{serverName}", "/api/mcp/oauth/cancel/{mcpServer}"),
            // a flow's id is "<person's id>:<server>": the owner's, asked by anyone else
            Case.refused("GET", "/api/mcp/oauth/status/{flowId}", "/api/mcp/oauth/status/{user}:{mcpServer}"),
            Case.refused("GET", "/api/mcp/oauth/tokens/{flowId}", "/api/mcp/oauth/tokens/{user}:{mcpServer}"),

            // last: in another tenant this starts the caller's own conversation of that id, which the cases above must not see
            new Case("POST", "/api/messages/{conversationId}", "/api/messages/{convo}", Body.JSON,
                    "{\"messageId\":\"{fresh}\",\"parentMessageId\":\"{message}\",\"text\":\"planted\",\"isCreatedByUser\":true}",
                    "LibreChat's client picks conversation ids: one the caller's tenant does not have starts the caller's own conversation"));

    /** Routes that take an id which is no person's resource, each with the reason. Keyed "METHOD pattern". */
    static final Map<String, String> EXEMPT = Map.ofEntries(
            Map.entry("GET /oauth/{provider}", "a sign-in provider's name, asked before anyone is signed in"),
            Map.entry("GET /api/mcp/{serverName}/oauth/callback", "the browser's return from an MCP server's sign-in, "
                    + "without a token: the flow is found by its single-use state alone and needs the starter's browser "
                    + "cookie (mcp-service SignInIntegrationTest)"),
            Map.entry("GET /api/oauth/{provider}", "a sign-in provider's name, asked before anyone is signed in"),
            Map.entry("GET /oauth/{provider}/callback", "a sign-in provider's name, asked before anyone is signed in"),
            Map.entry("GET /api/oauth/{provider}/callback", "a sign-in provider's name, asked before anyone is signed in"),
            Map.entry("GET /api/permissions/{resourceType}/roles", "a resource type: its access roles are the same for everyone"),
            Map.entry("GET /api/roles/{roleName}", "a role of the caller's own tenant (every tenant has its own USER and ADMIN)"),
            Map.entry("PUT /api/roles/{roleName}/{feature}", "a role of the caller's own tenant (every tenant has its own USER and ADMIN)"),
            Map.entry("DELETE /api/admin/banner/{bannerId}",
                    "the caller's own tenant's banner, by the id its message gives (every tenant has its own; AdminAccountsIntegrationTest)"),
            Map.entry("GET /api/admin/audit-log/{id}",
                    "an entry of the caller's own tenant's audit log, which only its ADMIN reads; another tenant's entry is 404 "
                    + "(AuditLogIntegrationTest)"),
            Map.entry("GET /api/share/{shareId}",
                    "a shared link is there for others to read (another tenant's reader gets 404: ShareIntegrationTest)"),
            Map.entry("GET /api/agents/tools/{toolId}/auth", "a tool's name: the same answer for everyone"),
            Map.entry("POST /api/agents/tools/{toolId}/call", "a tool's name: the same answer for everyone"),
            Map.entry("GET /images/{userId}/{name}",
                    "public by design: a re-encoded image at an unguessable path, shown with <img src> as LibreChat's static /images/"));

    private IsolationCases() {
    }

    /** {@code template} with every {@code {name}} of {@code ids} replaced by its value. */
    static String fill(String template, Map<String, String> ids) {
        if (template == null) {
            return null;
        }
        String filled = template;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            filled = filled.replace("{" + id.getKey() + "}", id.getValue());
        }
        return filled;
    }
}
