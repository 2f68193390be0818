package io.parley.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The last {@code _id} of each collection whose batch the service has answered, kept per source database and
 * tenant, so a run that stopped (a token that ran out, a service restarted, Ctrl-C) continues after it instead
 * of sending everything again. Sending again would be safe too (ids already present are not written); this only
 * saves the time. Written whole to a temporary file and moved into place after each batch.
 */
final class Checkpoints {

    private final @Nullable Path file;
    private final Properties done = new Properties();

    private Checkpoints(@Nullable Path file) {
        this.file = file;
    }

    /** None kept: every collection is read from its start. */
    static Checkpoints none() {
        return new Checkpoints(null);
    }

    /**
     * @param folder  where checkpoint files are kept
     * @param source  the source database (address and name)
     * @param restart forget what an earlier run reached
     */
    static Checkpoints in(Path folder, String source, String tenant, boolean restart) {
        Checkpoints checkpoints = new Checkpoints(folder.resolve(digest(source + "\n" + tenant) + ".checkpoint"));
        if (!restart && Files.isRegularFile(checkpoints.file)) {
            try (InputStream in = Files.newInputStream(checkpoints.file)) {
                checkpoints.done.load(in);
            } catch (IOException e) {
                throw new MigrationStopped("Cannot read the checkpoint " + checkpoints.file + ": " + e.getMessage()
                        + " (--restart reads everything again)");
            }
        }
        return checkpoints;
    }

    /** The last {@code _id} sent of a collection; null to start at its beginning. */
    @Nullable BsonValue after(String collection) {
        String stored = done.getProperty(collection);
        return stored == null ? null : BsonDocument.parse(stored).get("_id");
    }

    void reached(String collection, BsonValue id) {
        if (file == null) {
            return;
        }
        done.setProperty(collection, new BsonDocument("_id", id).toJson());
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            try (OutputStream out = Files.newOutputStream(next)) {
                done.store(out, "./parley migrate-librechat: the last _id sent of each collection");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MigrationStopped("Cannot write the checkpoint " + file + ": " + e.getMessage());
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
