package io.parley.migrate;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@code ./parley migrate-librechat}.
 *
 * @param from          LibreChat's MongoDB address (its {@code MONGO_URI}); the database it names, else {@code LibreChat}
 * @param tenant        the Parley tenant to write into; null for the token's
 * @param uploads       LibreChat's uploads folder ({@code /uploads/…} paths of local files); null: files are not copied
 * @param images        LibreChat's images folder ({@code client/public/images}, for {@code /images/…} paths); null: the
 *                      {@code images} folder beside the uploads folder's parent's {@code client/public}
 * @param checkpoints   where the last imported id of each collection is kept, so a run continues where one stopped;
 *                      null: none kept
 * @param restart       read every collection from its start, whatever the checkpoint says
 * @param batchSize     documents per call (at most {@value #MAX_BATCH})
 * @param gateway       the gateway's address ({@code --url}, else {@code PARLEY_URL}), where the operator key is
 *                      exchanged for a token
 * @param operatorKeyFile a file holding the operator key ({@code --operator-key-file}); null: the environment's
 */
record Options(String from, @Nullable String tenant, boolean dryRun, @Nullable Path uploads, @Nullable Path images,
               Map<ParleyServices.Service, String> addresses, @Nullable Path checkpoints, boolean restart, int batchSize,
               String gateway, @Nullable String operatorKeyFile) {

    static final int MAX_BATCH = 2000;

    static final String USAGE = """
            usage: ./parley migrate-librechat --from <mongodb-uri> [--tenant <id>] [--dry-run]
                     [--uploads <dir>] [--images <dir>] [--restart] [--batch-size <n>]
                     [--url <gateway>] [--operator-key-file <file>]
                     [--auth-grpc <host:port>] [--chat-grpc <host:port>] [--agent-grpc <host:port>] [--file-grpc <host:port>]
            Reads a LibreChat 0.8 database and writes it into Parley through its services, as the installation's
            operator (PARLEY_OPERATOR_KEY, or --operator-key-file / PARLEY_OPERATOR_KEY_FILE, exchanged for a token at
            the gateway: --url, else PARLEY_URL, else http://localhost:3080) or as an ADMIN of the tenant
            (PARLEY_ADMIN_TOKEN, the token of POST /api/auth/login; it wins when both are set).
            Files kept in S3, Azure Blob or Firebase are read with LibreChat's own variables (AWS_*, AZURE_*,
            FIREBASE_*), local ones from --uploads and --images. People's own API keys are carried when LibreChat's
            CREDS_KEY and CREDS_IV are set.""";

    /** @throws IllegalArgumentException with the sentence to print above the usage */
    static Options parse(String[] args, Map<String, String> env) {
        String from = null;
        String tenant = null;
        boolean dryRun = false;
        boolean restart = false;
        Path uploads = null;
        Path images = null;
        Path checkpoints = null;
        int batchSize = 500;
        String gateway = env.getOrDefault("PARLEY_URL", io.parley.admin.Gateway.DEFAULT_URL);
        String operatorKeyFile = null;
        Map<ParleyServices.Service, String> addresses = new java.util.EnumMap<>(ParleyServices.Service.class);
        for (ParleyServices.Service service : ParleyServices.Service.values()) {
            addresses.put(service, address(env.getOrDefault(service.environment(), service.defaultAddress())));
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--restart" -> restart = true;
                case "--from" -> from = value(args, ++i, arg);
                case "--tenant" -> tenant = value(args, ++i, arg);
                case "--uploads" -> uploads = Path.of(value(args, ++i, arg));
                case "--images" -> images = Path.of(value(args, ++i, arg));
                case "--checkpoint-dir" -> checkpoints = Path.of(value(args, ++i, arg));
                case "--url" -> gateway = value(args, ++i, arg);
                case "--operator-key-file" -> operatorKeyFile = value(args, ++i, arg);
                case "--batch-size" -> {
                    try {
                        batchSize = Integer.parseInt(value(args, ++i, arg));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--batch-size takes a number");
                    }
                    if (batchSize < 1 || batchSize > MAX_BATCH) {
                        throw new IllegalArgumentException("--batch-size takes 1 to " + MAX_BATCH);
                    }
                }
                case "--auth-grpc" -> addresses.put(ParleyServices.Service.AUTH, address(value(args, ++i, arg)));
                case "--chat-grpc" -> addresses.put(ParleyServices.Service.CHAT, address(value(args, ++i, arg)));
                case "--agent-grpc" -> addresses.put(ParleyServices.Service.AGENT, address(value(args, ++i, arg)));
                case "--file-grpc" -> addresses.put(ParleyServices.Service.FILE, address(value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (from == null) {
            throw new IllegalArgumentException("--from <mongodb-uri> is required");
        }
        return new Options(from, tenant, dryRun, uploads, images, Map.copyOf(addresses), checkpoints, restart, batchSize,
                gateway, operatorKeyFile);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    /** {@code host:port}, also as Parley's settings write it ({@code static://host:port}). */
    private static String address(String value) {
        return value.startsWith("static://") ? value.substring("static://".length()) : value;
    }

    /** Where LibreChat keeps images: the folder given, else its default beside the uploads folder. */
    @Nullable Path imagesFolder() {
        if (images != null) {
            return images;
        }
        if (uploads == null) {
            return null;
        }
        Path root = uploads.toAbsolutePath().getParent();
        return root == null ? null : root.resolve("client").resolve("public").resolve("images");
    }
}
