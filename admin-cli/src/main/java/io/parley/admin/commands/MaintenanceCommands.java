package io.parley.admin.commands;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** LibreChat's {@code reset-terms} and {@code flush-cache}. */
final class MaintenanceCommands {

    private MaintenanceCommands() {
    }

    static List<Command> all() {
        return List.of(
                new Command("reset-terms", "[--yes]", "Ask every user to accept the terms again",
                        Set.of(), Set.of("yes"), MaintenanceCommands::resetTerms),
                new Command("flush-cache", "[--dry-run] [--verbose]",
                        "Drop the tenant's rate-limit counters, violation scores and bans",
                        Set.of(), Set.of("dry-run", "verbose"), MaintenanceCommands::flushCache));
    }

    private static void resetTerms(Invocation in) {
        in.console().line("Reset terms acceptance");
        in.console().line("This will reset the terms acceptance for all users.");
        if (!in.args().flag("yes") && !in.console().confirm("Are you sure you want to proceed? (y/n): ", "a confirmation (--yes)")) {
            in.console().line("Operation cancelled.");
            return;
        }
        JsonNode result = in.gateway().send("POST", "/api/admin/terms/reset", null);
        in.console().line("Updated " + result.path("modifiedCount").asLong() + " user(s).");
    }

    /**
     * LibreChat empties all of its Redis; Parley drops only what is a cache of that kind (limits, violation
     * scores, bans), never revocations, running chat turns or pending account deletions.
     */
    private static void flushCache(Invocation in) {
        boolean dryRun = in.args().flag("dry-run");
        in.console().line("Parley Cache Flush Utility");
        if (dryRun) {
            in.console().line("DRY RUN MODE - No actual changes will be made");
        }
        JsonNode result = in.gateway().send("POST", "/api/admin/cache/flush", Map.of("dryRun", dryRun));
        long keys = result.path("keys").asLong();
        if (in.args().flag("verbose")) {
            result.path("prefixes").forEach(prefix -> in.console().line("   Prefix: " + prefix.asString()));
        }
        if (dryRun) {
            in.console().line("   Would delete " + keys + " keys");
            in.console().line("Cache flush preview completed");
            in.console().line("   Run without --dry-run to actually flush the cache");
        } else {
            in.console().line("Cache flush completed successfully");
            in.console().line("   Deleted " + keys + " keys (rate limits, violation scores and bans); sessions are kept");
        }
        if (!result.path("shared").asBoolean()) {
            in.console().line("Note: Redis is not configured, so each process keeps its own limits and bans and only "
                    + "auth-service's were flushed; restart Parley (./parley down && ./parley up) to clear the others.");
        }
    }
}
