package io.parley.migrate;

import java.util.List;
import java.util.Map;

/**
 * Which LibreChat collection goes to which service, in the order they are brought in: what others name comes
 * first (roles before the people who hold them, people before everything they own, conversations before their
 * messages, messages before the shared links that show them), and what matters most early (people and balances,
 * then chats, agents and files). Every other collection is reported as not migrated, with the reason.
 */
final class Plan {

    /** One collection and the service that takes it. */
    record Step(String collection, ParleyServices.Service service) {

        boolean isFiles() {
            return collection.equals(FILES);
        }

        boolean isKeys() {
            return collection.equals(KEYS);
        }
    }

    static final String FILES = "files";
    /** People's own API keys: sent opened, and only when LibreChat's CREDS_KEY and CREDS_IV are given. */
    static final String KEYS = "keys";

    static final List<Step> STEPS = List.of(
            new Step("roles", ParleyServices.Service.AUTH),
            new Step("users", ParleyServices.Service.AUTH),
            new Step("balances", ParleyServices.Service.AUTH),
            new Step("transactions", ParleyServices.Service.AUTH),
            new Step("conversations", ParleyServices.Service.CHAT),
            new Step("messages", ParleyServices.Service.CHAT),
            new Step("agents", ParleyServices.Service.AGENT),
            new Step(FILES, ParleyServices.Service.FILE),
            new Step("groups", ParleyServices.Service.AUTH),
            new Step("accessroles", ParleyServices.Service.AUTH),
            new Step("aclentries", ParleyServices.Service.AUTH),
            new Step("presets", ParleyServices.Service.CHAT),
            new Step("conversationtags", ParleyServices.Service.CHAT),
            new Step("memoryentries", ParleyServices.Service.CHAT),
            new Step("promptgroups", ParleyServices.Service.CHAT),
            new Step("prompts", ParleyServices.Service.CHAT),
            new Step("sharedlinks", ParleyServices.Service.CHAT),
            new Step(KEYS, ParleyServices.Service.CHAT));

    /** Why LibreChat collections Parley has no counterpart for (or need not carry) are left behind. */
    static final Map<String, String> NOT_MIGRATED = Map.ofEntries(
            Map.entry("sessions", "sign-in sessions: people sign in again"),
            Map.entry("refreshtokenbridges", "sign-in sessions: people sign in again"),
            Map.entry("openidrefreshflights", "sign-in state of OpenID: people sign in again"),
            Map.entry("tokens", "one-time links (password reset, e-mail verification) that expire within minutes"),
            Map.entry(KEYS, "people's own API keys, sealed with LibreChat's CREDS_KEY: give the command LibreChat's "
                    + LibreChatCredentials.SETTINGS + " to carry them, else people enter them again"),
            Map.entry("pluginauths", "plugin and MCP credentials, sealed with LibreChat's CREDS_KEY: people enter them again"),
            Map.entry("toolcalls", "records of code-interpreter calls, which Parley does not run"),
            Map.entry("actions", "agents' OpenAPI actions, which Parley does not serve"),
            Map.entry("assistants", "OpenAI Assistants, which Parley does not serve"),
            Map.entry("projects", "LibreChat's global project of shared prompts and agents; shares come with aclentries"),
            Map.entry("banners", "announcements: set up anew"),
            Map.entry("categories", "prompt categories: Parley's are built in"),
            Map.entry("agentcategories", "agent categories: Parley's are built in"),
            Map.entry("mcpservers", "user-managed MCP servers: mcp-service takes no import yet"),
            Map.entry("chatprojects", "chat projects: chat-service's import does not take them yet"),
            Map.entry("agentapikeys", "agents' API keys: Parley has no remote agent API"),
            Map.entry("toolfavorites", "favourite tools: Parley keeps favourites on the user (those came with users)"),
            Map.entry("codeenvironments", "code environments: Parley does not run code"),
            Map.entry("skills", "skills: Parley does not serve them"),
            Map.entry("skillfiles", "skills: Parley does not serve them"),
            Map.entry("skillsynccredentials", "skills: Parley does not serve them"),
            Map.entry("skillsyncstatuses", "skills: Parley does not serve them"),
            Map.entry("schedules", "scheduled agent runs: Parley does not run them"),
            Map.entry("scheduleruns", "scheduled agent runs: Parley does not run them"),
            Map.entry("auditlogs", "LibreChat's audit log: kept in LibreChat's database"),
            Map.entry("configs", "LibreChat's stored configuration: Parley reads librechat.yaml"),
            Map.entry("systemgrants", "LibreChat's system grants: Parley's ADMIN role covers them"));

    private Plan() {
    }

    /** Why a collection not in {@link #STEPS} is left behind. */
    static String whyNot(String collection) {
        return NOT_MIGRATED.getOrDefault(collection, "Parley has no counterpart");
    }
}
