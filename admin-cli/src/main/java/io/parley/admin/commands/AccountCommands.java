package io.parley.admin.commands;

import io.parley.admin.CliException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * LibreChat's {@code create-user}, {@code invite-user}, {@code list-users}, {@code reset-password},
 * {@code ban-user} and {@code delete-user}, with their arguments, prompts and words.
 */
final class AccountCommands {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private AccountCommands() {
    }

    static List<Command> all() {
        return List.of(
                new Command("create-user", "[email] [name] [username] [password] [--email-verified=false] [--role=USER|ADMIN]",
                        "Create a new user account (the tenant's first becomes its ADMIN)",
                        Set.of("email-verified", "role"), Set.of(), AccountCommands::createUser),
                new Command("invite-user", "[email]", "Invite a new user: a registration link, mailed or printed",
                        Set.of(), Set.of(), AccountCommands::inviteUser),
                new Command("list-users", "[--search=prefix]", "List the tenant's users",
                        Set.of("search"), Set.of(), AccountCommands::listUsers),
                new Command("reset-password", "[email] [--password-stdin]",
                        "Set a user's password (every session of theirs ends)",
                        Set.of(), Set.of("password-stdin"), AccountCommands::resetPassword),
                new Command("ban-user", "[email] [duration in minutes]", "Ban a user for a while",
                        Set.of(), Set.of(), AccountCommands::banUser),
                new Command("delete-user", "[email] [--yes]", "Delete a user and all their data in every service",
                        Set.of(), Set.of("yes"), AccountCommands::deleteUser));
    }

    private static void createUser(Invocation in) {
        in.console().line("Create a new user account!");
        String email = Invocation.email(in.argumentOrAsk(0, "Email:", "<email>"));
        String local = email.substring(0, email.indexOf('@'));
        String name = valueOrDefault(in, 1, "Name: (default is: " + local + ")", local);
        String username = valueOrDefault(in, 2, "Username: (default is: " + local + ")", local);
        String password = in.args().positional(3);
        if (password != null) {
            // On stdout, as LibreChat prints it: stderr holds nothing but the failure line.
            in.console().line("Warning: password passed in as argument, this is not secure!");
        } else if (in.console().interactive()) {
            password = in.console().askSecret("Password: (leave blank, to generate one)", "<password>");
        }
        if (password == null || password.isEmpty()) {
            password = generated();
            in.console().line("Your password is: " + password);
        }
        Boolean verified = null;
        String option = in.args().option("email-verified");
        if (option != null) {
            verified = !option.equalsIgnoreCase("false");
        } else if (in.console().interactive()) {
            verified = !in.console().ask("""
                    Email verified? (Y/n, default is Y):

                    If `y`, the user's email will be considered verified.

                    If `n`, and email service is configured, the user will be sent a verification email.

                    If `n`, and email service is not configured, you must have the `ALLOW_UNVERIFIED_EMAIL_LOGIN` .env variable set to true,
                    or the user will need to attempt logging in to have a verification link sent to them.""",
                    "--email-verified").trim().equalsIgnoreCase("n");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("name", name);
        body.put("username", username);
        body.put("password", password);
        body.put("emailVerified", verified == null || verified);
        if (in.args().option("role") != null) {
            body.put("role", in.args().option("role").toUpperCase(Locale.ROOT));
        }
        JsonNode user = in.gateway().send("POST", "/api/admin/users", body).path("user");
        in.console().line("User created successfully!");
        in.console().line("Email verified: " + (verified == null || verified));
        in.console().line("Role: " + user.path("role").asString("USER"));
    }

    private static void inviteUser(Invocation in) {
        in.console().line("Invite a new user account!");
        String email = Invocation.email(in.argumentOrAsk(0, "Email:", "<email>"));
        JsonNode answer = in.gateway().send("POST", "/api/admin/invites", Map.of("email", email));
        if (answer.path("link").isString()) {
            in.console().line("Send this link to the user: " + answer.get("link").asString());
        } else {
            in.console().line("Invitation sent successfully!");
        }
    }

    private static void listUsers(Invocation in) {
        String search = in.args().option("search");
        List<JsonNode> users = in.all("/api/admin/users" + (search == null ? "" : "?search=" + io.parley.admin.Gateway.query(search)),
                "users");
        in.console().line("");
        in.console().line("User List:");
        in.console().line("----------------------------------------");
        for (JsonNode user : users) {
            in.console().line("ID: " + user.path("id").asString());
            in.console().line("Email: " + user.path("email").asString());
            in.console().line("Username: " + orNa(user.path("username").asString("")));
            in.console().line("Name: " + orNa(user.path("name").asString("")));
            in.console().line("Provider: " + (user.path("provider").asString("").isEmpty() ? "email" : user.path("provider").asString()));
            in.console().line("Role: " + user.path("role").asString(""));
            in.console().line("Created: " + user.path("createdAt").asString(""));
            in.console().line("----------------------------------------");
        }
        in.console().line("");
        in.console().line("Total Users: " + users.size());
    }

    private static void resetPassword(Invocation in) {
        String email = Invocation.email(in.argumentOrAsk(0, "Enter user email: ", "<email>"));
        JsonNode user = in.userByEmail(email);
        String password;
        if (in.args().flag("password-stdin")) {
            password = in.console().readLine();
            if (password.isEmpty()) {
                throw new CliException("no password on standard input");
            }
        } else {
            password = null;
            while (password == null) {
                String typed = in.console().askSecret("Enter new password: ", "the new password (--password-stdin)");
                String again = in.console().askSecret("Confirm new password: ", "the new password (--password-stdin)");
                if (!typed.equals(again)) {
                    in.console().line("Passwords do not match! Please try again.");
                } else {
                    password = typed;
                }
            }
        }
        in.gateway().send("PUT", "/api/admin/users/" + user.path("id").asString() + "/password", Map.of("password", password));
        in.console().line("Password successfully reset!");
    }

    private static void banUser(Invocation in) {
        in.console().line("Ban a user account!");
        String email = Invocation.email(in.argumentOrAsk(0, "Email:", "<email>"));
        String minutes = in.argumentOrAsk(1, "Duration (in minutes):", "<duration in minutes>");
        long duration;
        try {
            duration = Long.parseLong(minutes.trim());
        } catch (NumberFormatException e) {
            duration = -1;
        }
        if (duration <= 0 || duration > 3650L * 24 * 60) {
            throw new CliException("Invalid duration!");
        }
        JsonNode user = in.userByEmail(email);
        in.console().line("Found user: " + user.path("email").asString());
        JsonNode ban = in.gateway().send("POST", "/api/admin/users/" + user.path("id").asString() + "/ban",
                Map.of("durationMs", duration * 60_000));
        in.console().line("User banned until " + ban.path("until").asString());
    }

    private static void deleteUser(Invocation in) {
        in.console().line("Deleting a user and all related data");
        String email = Invocation.email(in.argumentOrAsk(0, "Email:", "<email>"));
        JsonNode user = in.userByEmail(email);
        if (!in.confirmed("Really delete user " + user.path("email").asString() + " (" + user.path("id").asString()
                + ") and ALL their data? (y/N)")) {
            in.console().line("Aborted.");
            return;
        }
        in.gateway().send("DELETE", "/api/admin/users/" + user.path("id").asString(), null);
        in.console().line("Successfully deleted user " + email + " and all associated data.");
        // LibreChat asks whether to keep the transactions; Parley's erasure takes them with the account.
        in.console().line("Transaction history was deleted with the account.");
    }

    private static String valueOrDefault(Invocation in, int index, String question, String fallback) {
        String given = in.args().positional(index);
        if (given == null && in.console().interactive()) {
            given = in.console().ask(question, "an argument");
        }
        return given == null || given.isBlank() ? fallback : given;
    }

    /** 18 characters, as LibreChat's generated password, but from a secure random source. */
    private static String generated() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static String orNa(String value) {
        return value.isEmpty() ? "N/A" : value;
    }
}
