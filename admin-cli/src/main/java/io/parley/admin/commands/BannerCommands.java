package io.parley.admin.commands;

import io.parley.admin.CliException;
import io.parley.admin.Gateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** LibreChat's {@code update-banner} and {@code delete-banner}. */
final class BannerCommands {

    /** LibreChat's date format for the banner: {@code yyyy-mm-ddTHH:MM:SSZ}. */
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private BannerCommands() {
    }

    static List<Command> all() {
        return List.of(
                new Command("update-banner",
                        "[displayFrom(yyyy-mm-ddTHH:MM:SSZ)] [displayTo(yyyy-mm-ddTHH:MM:SSZ)] [message] [isPublic(true/false)]",
                        "Update the banner (an empty displayFrom is now, an empty displayTo never ends)",
                        Set.of(), Set.of(), BannerCommands::updateBanner),
                new Command("delete-banner", "[--yes]", "Delete the banner showing now",
                        Set.of(), Set.of("yes"), BannerCommands::deleteBanner));
    }

    private static void updateBanner(Invocation in) {
        in.console().line("Update the banner!");
        boolean fromArguments = in.args().positionalCount() > 0;
        String from = fromArguments ? nonNull(in.args().positional(0))
                : in.console().ask("Display From (Format: yyyy-mm-ddTHH:MM:SSZ, Default: now):", "<displayFrom>");
        date("displayFrom", from);
        String to = fromArguments ? nonNull(in.args().positional(1))
                : in.console().ask("Display To (Format: yyyy-mm-ddTHH:MM:SSZ, Default: not specified):", "<displayTo>");
        date("displayTo", to);
        String message = in.args().positional(2);
        if (message == null) {
            message = in.console().askLines("Enter your message ((Enter a single dot \".\" on a new line to finish)):",
                    "<message>");
        }
        if (message.trim().isEmpty()) {
            throw new CliException("Message cannot be empty!");
        }
        String publicArgument = in.args().positional(3);
        boolean isPublic = publicArgument != null ? publicArgument.equals("true")
                : in.console().interactive() && in.console().confirm("Is public (y/N):", "<isPublic>");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("displayFrom", from.isEmpty() ? null : from);
        body.put("displayTo", to.isEmpty() ? null : to);
        body.put("isPublic", isPublic);
        JsonNode banner = in.gateway().send("PUT", "/api/admin/banner", body);
        in.console().line("Banner updated successfully!");
        in.console().line("bannerId: " + banner.path("bannerId").asString());
        in.console().line("from: " + banner.path("displayFrom").asString());
        in.console().line("to: " + (banner.path("displayTo").isString() ? banner.get("displayTo").asString() : "not specified"));
        in.console().line("Banner: " + banner.path("message").asString());
        in.console().line("isPublic: " + banner.path("isPublic").asBoolean());
    }

    private static void deleteBanner(Invocation in) {
        in.console().line("Delete the banner!");
        Gateway.Reply current = in.gateway().call("GET", "/api/admin/banner", null);
        if (current.status() == 404) {
            in.console().line("No banner found to delete.");
            return;
        }
        if (current.status() >= 400) {
            throw Gateway.refused(current);
        }
        JsonNode banner = current.json();
        in.console().line("Current banner:");
        in.console().line("Message: " + banner.path("message").asString());
        in.console().line("Display From: " + banner.path("displayFrom").asString());
        in.console().line("Display To: " + (banner.path("displayTo").isString() ? banner.get("displayTo").asString() : "Not specified"));
        in.console().line("Is Public: " + banner.path("isPublic").asBoolean());
        if (!in.confirmed("Do you want to delete this banner? (y/N): ")) {
            in.console().line("Banner deletion cancelled.");
            return;
        }
        in.gateway().send("DELETE", "/api/admin/banner/" + Gateway.query(banner.path("bannerId").asString()), null);
        in.console().line("Banner deleted successfully!");
    }

    private static void date(String field, String value) {
        if (!value.isEmpty() && !DATE_TIME.matcher(value).matches()) {
            throw new CliException("Invalid date format for " + field + ". Please use yyyy-mm-ddTHH:MM:SSZ.");
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
