package io.parley.admin.commands;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * LibreChat's {@code user-stats}: every user with their conversations and messages, most conversations
 * first, as a table. The names are auth-service's, the counts chat-service's.
 */
final class StatsCommand {

    private StatsCommand() {
    }

    static Command command() {
        return new Command("user-stats", "", "Show the conversations and messages of every user",
                Set.of(), Set.of(), StatsCommand::userStats);
    }

    record Row(String user, String email, long conversations, long messages) {
    }

    private static void userStats(Invocation in) {
        in.console().line("Show the stats of all users");
        Map<String, JsonNode> counts = new HashMap<>();
        in.gateway().get("/api/admin/chat/user-stats").path("users")
                .forEach(row -> counts.put(row.path("userId").asString(), row));
        List<Row> rows = new ArrayList<>();
        for (JsonNode user : in.all("/api/admin/users", "users")) {
            JsonNode count = counts.get(user.path("id").asString());
            rows.add(new Row(user.path("name").asString(""), user.path("email").asString(""),
                    count == null ? 0 : count.path("conversations").asLong(),
                    count == null ? 0 : count.path("messages").asLong()));
        }
        rows.sort(Comparator.comparingLong(Row::conversations).reversed()
                .thenComparing(Comparator.comparingLong(Row::messages).reversed()));
        table(in, rows);
    }

    /** A plain-text table, as Node's {@code console.table} prints one (index, User, Email, Conversations, Messages). */
    static void table(Invocation in, List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"(index)", "User", "Email", "Conversations", "Messages"});
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            cells.add(new String[] {String.valueOf(i), row.user(), row.email(), String.valueOf(row.conversations()),
                    String.valueOf(row.messages())});
        }
        int[] widths = new int[5];
        cells.forEach(line -> {
            for (int c = 0; c < 5; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        });
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        in.console().line(rule.toString());
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            for (int c = 0; c < 5; c++) {
                String cell = cells.get(r)[c];
                boolean number = c == 0 || c >= 3;
                line.append(' ').append(number ? " ".repeat(widths[c] - cell.length()) + cell
                        : cell + " ".repeat(widths[c] - cell.length())).append(" |");
            }
            in.console().line(line.toString());
            if (r == 0) {
                in.console().line(rule.toString());
            }
        }
        in.console().line(rule.toString());
    }
}
