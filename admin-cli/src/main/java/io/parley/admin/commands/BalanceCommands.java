package io.parley.admin.commands;

import io.parley.admin.CliException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * LibreChat's {@code add-balance}, {@code set-balance} and {@code list-balances}. Parley keeps balances
 * whether or not balance checking is on (so they can be prepared before it is), where LibreChat's scripts
 * refuse while it is off.
 */
final class BalanceCommands {

    private BalanceCommands() {
    }

    static List<Command> all() {
        return List.of(
                new Command("add-balance", "[email] [amount] [--request-id=id]",
                        "Add credits to a user's balance (once per request id)",
                        Set.of("request-id"), Set.of(), BalanceCommands::addBalance),
                new Command("set-balance", "[email] [amount]", "Set a user's balance",
                        Set.of(), Set.of(), BalanceCommands::setBalance),
                new Command("list-balances", "", "Show the balance of every user",
                        Set.of(), Set.of(), BalanceCommands::listBalances));
    }

    private static void addBalance(Invocation in) {
        in.console().line("Add balance to a user account!");
        String email = Invocation.email(in.argumentOrAsk(0, "Email:", "<email>"));
        String given = in.args().positional(1);
        if (given == null && in.console().interactive()) {
            given = in.console().ask("amount: (default is 1000 tokens if empty or 0)", "<amount>");
        }
        long amount = given == null || given.isBlank() || given.trim().equals("0") ? 1000 : whole(given);
        if (amount <= 0) {
            throw new CliException("Invalid amount: give a whole number of credits greater than 0");
        }
        JsonNode user = in.userByEmail(email);
        in.console().line("Found user: " + user.path("email").asString());
        // A retry of the same command (--request-id) changes the balance once.
        String requestId = in.args().option("request-id") != null ? in.args().option("request-id")
                : "admin-cli-" + UUID.randomUUID();
        JsonNode result = in.gateway().send("POST", "/api/admin/users/" + user.path("id").asString() + "/balance",
                Map.of("amount", amount, "requestId", requestId));
        in.console().line("Transaction created successfully!");
        in.console().line("Amount: " + amount);
        in.console().line("New Balance: " + result.path("tokenCredits").asLong());
    }

    private static void setBalance(Invocation in) {
        in.console().line("Set balance to a user account!");
        String email = Invocation.email(in.argumentOrAsk(0, "Email:", "<email>"));
        JsonNode user = in.userByEmail(email);
        in.console().line("Found user: " + user.path("email").asString());
        String given = in.argumentOrAsk(1, "amount:", "<amount>");
        if (given.isBlank()) {
            throw new CliException("Please specify an amount!");
        }
        long amount = whole(given);
        if (amount < 0) {
            throw new CliException("Invalid amount: give a whole number of credits, 0 or more");
        }
        JsonNode result = in.gateway().send("PUT", "/api/admin/users/" + user.path("id").asString() + "/balance",
                Map.of("tokenCredits", amount));
        in.console().line("Balance set successfully!");
        in.console().line("New Balance: " + result.path("tokenCredits").asLong());
    }

    private static void listBalances(Invocation in) {
        in.console().line("Show the balance of all users");
        for (JsonNode user : in.all("/api/admin/balances", "balances")) {
            String who = "User " + user.path("name").asString("") + " (" + user.path("email").asString("") + ")";
            in.console().line(user.path("tokenCredits").isNumber()
                    ? who + " has a balance of " + user.get("tokenCredits").asLong()
                    : who + " has no balance");
        }
    }

    private static long whole(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new CliException("Invalid amount: " + value.trim() + " is not a whole number of credits");
        }
    }
}
