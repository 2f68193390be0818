package io.parley.admin;

import io.parley.admin.commands.Command;
import io.parley.admin.commands.Commands;
import io.parley.admin.commands.Invocation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code parley-admin <command> [arguments] [options]}: LibreChat's admin scripts against a running
 * installation, through its gateway. Exit 0 when done (or cancelled at a prompt), 1 with one line on
 * stderr when the installation refused or could not be reached, 2 for a wrong command line.
 */
public final class AdminCli {

    static final String DEFAULT_URL = Gateway.DEFAULT_URL;
    static final String DEFAULT_TENANT = "default";
    private static final Set<String> GLOBAL_VALUED = Set.of("url", "tenant", "host", "admin-email", "operator-key-file");
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private AdminCli() {
    }

    public static void main(String[] args) {
        // Before any HttpClient exists: --host sends another Host than the address's.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        System.exit(run(List.of(args), Console.system(), System.getenv()));
    }

    /** The whole command; never throws, never exits (tests run it in-process). */
    public static int run(List<String> args, Console console, Map<String, String> env) {
        try {
            if (args.isEmpty() || args.getFirst().equals("--help") || args.getFirst().equals("help")) {
                help(console);
                return args.isEmpty() ? CliException.USAGE : 0;
            }
            Command command = Commands.named(args.getFirst())
                    .orElseThrow(() -> new CliException("unknown command " + args.getFirst() + " (--help lists them)",
                            CliException.USAGE));
            Set<String> valued = new HashSet<>(GLOBAL_VALUED);
            valued.addAll(command.valued());
            Set<String> flags = new HashSet<>(command.flags());
            flags.add("help");
            Args parsed = Args.parse(args.subList(1, args.size()), valued, flags);
            if (parsed.flag("help")) {
                console.line("usage: " + command.name() + " " + command.usage());
                console.line("  " + command.summary());
                return 0;
            }
            String tenant = first(parsed.option("tenant"), env.get("PARLEY_TENANT"), DEFAULT_TENANT);
            if (!TENANT.matcher(tenant).matches()) {
                throw new CliException("--tenant " + tenant + " is not a tenant name", CliException.USAGE);
            }
            Gateway gateway = new Gateway(Gateway.address(first(parsed.option("url"), env.get("PARLEY_URL"), DEFAULT_URL)),
                    parsed.option("host"));
            SignIn.into(gateway, tenant, parsed.option("admin-email"), parsed.option("operator-key-file"), env, console);
            command.action().run(new Invocation(parsed, console, gateway));
            return 0;
        } catch (CliException e) {
            console.error(e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            // A failure of this program: still one line, with what it was.
            console.error(e.getClass().getSimpleName() + ": " + e.getMessage());
            return CliException.FAILED;
        }
    }

    private static void help(Console console) {
        console.line("usage: <command> [arguments] [--url URL] [--tenant NAME] [--host NAME] [options]");
        console.line("  Missing arguments are asked for on a terminal; in scripts give them all.");
        console.line("  --url (PARLEY_URL, default " + DEFAULT_URL + ") the gateway; --tenant (PARLEY_TENANT, default "
                + DEFAULT_TENANT + ") the tenant meant, which the address must serve;");
        console.line("  --host a Host header naming the tenant's host behind one gateway address.");
        console.line("  Signed in as: PARLEY_ADMIN_TOKEN, or --admin-email with PARLEY_ADMIN_PASSWORD, or the operator key");
        console.line("  (PARLEY_OPERATOR_KEY, or --operator-key-file / PARLEY_OPERATOR_KEY_FILE).");
        console.line("commands:");
        for (Command command : Commands.all()) {
            console.line("  " + command.name() + " " + command.usage());
            console.line("      " + command.summary());
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        throw new IllegalStateException("no default");
    }
}
