package io.parley.migrate;

import io.parley.proto.common.v1.ImportOutcome;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;

/**
 * One run over a source already checked ({@link LibreChatDatabase#check}): the services reached before anything
 * is written, then the {@link Plan}'s
 * collections batch by batch (files one by one, with their bytes from LibreChat's folders or object stores), then
 * what is left behind. Progress goes to
 * {@link Progress}, counts to {@link Summary}.
 */
final class Migration {

    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final LibreChatDatabase source;
    private final ParleyServices services;
    private final FileBytes files;
    private final @Nullable LibreChatCredentials credentials;
    private final Checkpoints checkpoints;
    private final Progress progress;
    private final Summary summary;
    private final boolean dryRun;
    private final int batchSize;

    /** @param credentials LibreChat's, to open people's own API keys; null: they are left behind */
    Migration(LibreChatDatabase source, ParleyServices services, FileBytes files, @Nullable LibreChatCredentials credentials,
              Checkpoints checkpoints, Progress progress, Summary summary, boolean dryRun, int batchSize) {
        this.source = source;
        this.services = services;
        this.files = files;
        this.credentials = credentials;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.summary = summary;
        this.dryRun = dryRun;
        this.batchSize = batchSize;
    }

    /** @throws MigrationStopped when the source or a service cannot go on; what was written stays */
    void run() throws IOException {
        services.check();
        Set<String> present = source.collections();
        Set<String> planned = new TreeSet<>();
        for (Plan.Step step : Plan.STEPS) {
            if (step.isKeys() && credentials == null) {
                continue;
            }
            planned.add(step.collection());
            if (present.contains(step.collection())) {
                migrate(step);
            }
        }
        for (String collection : new TreeSet<>(present)) {
            if (!planned.contains(collection)) {
                summary.leftBehind(collection, source.count(collection, null), Plan.whyNot(collection));
            }
        }
    }

    private void migrate(Plan.Step step) throws IOException {
        String collection = step.collection();
        BsonValue after = dryRun ? null : checkpoints.after(collection);
        summary.row(collection);
        progress.start(collection, source.count(collection, after));
        try {
            Iterator<List<LibreChatDatabase.Read>> batches = source.batches(collection, after, batchSize);
            while (batches.hasNext()) {
                List<LibreChatDatabase.Read> batch = batches.next();
                if (step.isFiles()) {
                    batch.forEach(this::file);
                } else {
                    List<String> documents = step.isKeys() ? opened(batch)
                            : batch.stream().map(LibreChatDatabase.Read::json).toList();
                    if (!documents.isEmpty()) {
                        ImportOutcome outcome = services.importDocuments(step.service(), collection, documents, dryRun);
                        summary.add(collection, documents.size(), outcome);
                    }
                }
                if (!dryRun) {
                    checkpoints.reached(collection, batch.getLast().id());
                }
                progress.advance(batch.size());
            }
        } finally {
            progress.finish();
        }
    }

    /**
     * People's own API keys with their value opened ({@code decryptedValue} instead of {@code value}), for chat-service
     * to seal with its own key; a key that does not open is skipped here with the reason, and nothing of it is sent.
     */
    private List<String> opened(List<LibreChatDatabase.Read> batch) {
        List<String> documents = new ArrayList<>();
        for (LibreChatDatabase.Read read : batch) {
            BsonDocument key = BsonDocument.parse(read.json());
            String reason;
            if (key.get("value") instanceof BsonString sealed) {
                try {
                    key.remove("value");
                    key.put("decryptedValue", new BsonString(Objects.requireNonNull(credentials).open(sealed.getValue())));
                    documents.add(key.toJson(EXTENDED));
                    continue;
                } catch (GeneralSecurityException e) {
                    reason = "its value does not open with the CREDS_KEY and CREDS_IV given (another installation's?)";
                }
            } else {
                reason = "it has no value";
            }
            summary.row(Plan.KEYS).read++;
            summary.skip(Plan.KEYS, idOf(read), reason);
        }
        return documents;
    }

    private static String idOf(LibreChatDatabase.Read read) {
        return read.id().isObjectId() ? read.id().asObjectId().getValue().toHexString() : String.valueOf(read.id());
    }

    private void file(LibreChatDatabase.Read read) {
        Document document = Document.parse(read.json());
        String id = idOf(read);
        FileBytes.Found found = files.locate(document);
        if (found.bytes() == null) {
            summary.row(Plan.FILES).read++;
            summary.skip(Plan.FILES, id, found.missing());
            return;
        }
        try {
            summary.add(Plan.FILES, 1, services.importFile(read.json(), dryRun ? null : found.bytes(), dryRun));
        } catch (IOException e) {
            summary.row(Plan.FILES).read++;
            summary.skip(Plan.FILES, id, "its bytes could not be read: " + e.getMessage());
        }
    }
}
