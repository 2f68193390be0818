package io.parley.admin.commands;

import io.parley.admin.Args;
import io.parley.admin.CliException;
import io.parley.admin.Console;
import io.parley.admin.Gateway;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A command at work: its arguments, where it talks, and the installation, signed in. */
public record Invocation(Args args, Console console, Gateway gateway) {

    /** The tenant's user with this address (exactly), as the admin routes list them. */
    JsonNode userByEmail(String email) {
        JsonNode users = gateway.get("/api/admin/users?email=" + Gateway.query(email)).path("users");
        if (users.isEmpty()) {
            throw new CliException("No user with that email was found!");
        }
        return users.get(0);
    }

    /** Every page of a cursor-paged admin list, its items under {@code field}. */
    List<JsonNode> all(String path, String field) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = gateway.get(path + (path.contains("?") ? "&" : "?") + "limit=100"
                    + (cursor == null ? "" : "&cursor=" + Gateway.query(cursor)));
            page.path(field).forEach(items::add);
            cursor = page.path("nextCursor").isString() ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        return items;
    }

    /** The positional argument, else the answer to {@code question}. */
    String argumentOrAsk(int index, String question, String what) {
        String given = args.positional(index);
        return given != null ? given : console.ask(question, what);
    }

    /** An address as LibreChat's scripts accept one: anything with an {@code @} (the installation checks the rest). */
    static String email(@Nullable String raw) {
        String email = raw == null ? "" : raw.trim();
        if (!email.contains("@")) {
            throw new CliException("Invalid email address!");
        }
        return email;
    }

    /** A confirmation: {@code --yes}, or {@code y} at the prompt; no terminal and no {@code --yes} is a usage error. */
    boolean confirmed(String question) {
        return args.flag("yes") || console.confirm(question, "a confirmation (--yes)");
    }
}
