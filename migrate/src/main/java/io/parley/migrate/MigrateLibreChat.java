package io.parley.migrate;

import io.parley.admin.CliException;
import io.parley.admin.Gateway;
import io.parley.admin.OperatorKey;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * {@code ./parley migrate-librechat}: exit 0 when every collection was gone through (skipped documents are listed,
 * not failures), 1 when the run could not start or go on (the one-line reason on stderr; what was written stays
 * and a second run continues), 2 for a wrong command line.
 */
public final class MigrateLibreChat {

    /** Held: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger[] QUIET = {
            java.util.logging.Logger.getLogger("org.mongodb.driver"), java.util.logging.Logger.getLogger("io.grpc")};

    private MigrateLibreChat() {
    }

    public static void main(String[] args) {
        // the command reports on its own: the driver's connection chatter and gRPC's notes would only clutter it, and
        // the storage SDKs log through SLF4J, which has no provider here and would otherwise warn that it has none
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        for (java.util.logging.Logger logger : QUIET) {
            logger.setLevel(java.util.logging.Level.SEVERE);
        }
        System.exit(run(args, System.getenv(), System.out, System.err, Progress.onTerminal()));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        Options options;
        try {
            options = Options.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("parley migrate-librechat: " + e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        Summary summary = new Summary();
        String tenant = options.tenant();
        boolean started = false;
        AdminTokens tokens;
        try {
            tokens = tokens(options, env);
        } catch (CliException e) {
            err.println("parley migrate-librechat: " + e.getMessage());
            return e.exitCode();
        }
        try (LibreChatDatabase source = LibreChatDatabase.open(options.from());
             ParleyServices services = new ParleyServices(options.addresses(), tokens, tenant)) {
            // the source, then the token, then the services (Migration.run): all before anything is written
            source.check();
            tokens.token(tenant);
            String target = tenant != null ? tenant : String.valueOf(tokens.tenant());
            Checkpoints checkpoints = options.checkpoints() == null || options.dryRun() ? Checkpoints.none()
                    : Checkpoints.in(options.checkpoints(), source.where(), target, options.restart());
            try (FileBytes files = new FileBytes(options.uploads(), options.imagesFolder(), LibreChatStorage.from(env))) {
                Migration migration = new Migration(source, services, files, LibreChatCredentials.from(env), checkpoints,
                        new Progress(err, terminal), summary, options.dryRun(), options.batchSize());
                started = true;
                migration.run();
            }
            summary.print(out, "LibreChat " + source.where() + " -> Parley tenant " + target
                    + (options.dryRun() ? " (dry run: nothing was written)" : ""), options.dryRun());
            return 0;
        } catch (MigrationStopped e) {
            if (started && (summary.written() > 0 || summary.skipped() > 0)) {
                summary.print(out, "Stopped early; run the same command again to continue:", options.dryRun());
            }
            err.println("parley migrate-librechat: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("parley migrate-librechat: " + e.getMessage());
            return 1;
        }
    }

    /** An ADMIN's own token when one is given, else the operator key's, else none (said before anything is read). */
    private static AdminTokens tokens(Options options, Map<String, String> env) {
        String adminToken = env.get(EnvironmentAdminToken.VARIABLE);
        if (adminToken != null && !adminToken.isBlank()) {
            return new EnvironmentAdminToken(adminToken);
        }
        String key = OperatorKey.from(env, options.operatorKeyFile());
        if (key == null) {
            return AdminTokens.none();
        }
        return new OperatorKeyTokens(new Gateway(Gateway.address(options.gateway()), null), key, Clock.systemUTC());
    }
}
