package io.parley.migrate;

import io.parley.proto.common.v1.ImportOutcome;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonValue;
import org.bson.Document;

/**
 * One run over a source already checked ({@link LibreChatDatabase#check}): the services reached before anything
 * is written, then the {@link Plan}'s
 * collections batch by batch (files one by one, with their bytes from LibreChat's folders or object stores), then
 * what is left behind. Progress goes to
 * {@link Progress}, counts to {@link Summary}.
 */
final class Migration {

    private final LibreChatDatabase source;
    private final ParleyServices services;
    private final FileBytes files;
    private final Checkpoints checkpoints;
    private final Progress progress;
    private final Summary summary;
    private final boolean dryRun;
    private final int batchSize;

    Migration(LibreChatDatabase source, ParleyServices services, FileBytes files, Checkpoints checkpoints,
              Progress progress, Summary summary, boolean dryRun, int batchSize) {
        this.source = source;
        this.services = services;
        this.files = files;
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
        for (Plan.Step step : Plan.STEPS) {
            if (present.contains(step.collection())) {
                migrate(step);
            }
        }
        Set<String> planned = new TreeSet<>();
        Plan.STEPS.forEach(step -> planned.add(step.collection()));
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
                    ImportOutcome outcome = services.importDocuments(step.service(), collection,
                            batch.stream().map(LibreChatDatabase.Read::json).toList(), dryRun);
                    summary.add(collection, batch.size(), outcome);
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

    private void file(LibreChatDatabase.Read read) {
        Document document = Document.parse(read.json());
        String id = read.id().isObjectId() ? read.id().asObjectId().getValue().toHexString() : String.valueOf(read.id());
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
