package io.parley.common.imports;

import java.io.IOException;
import java.nio.file.Path;
import org.bson.Document;

/** LibreChat's {@code files} collection with the bytes of each file: file-service's part of the import. */
public interface LibreChatFileImporter {

    /**
     * Maps the record and, unless it is a dry run, stores the bytes and then the record (the bytes removed
     * again when the record cannot be written).
     *
     * @param bytes the file's bytes spooled to a temporary file, which the caller removes; null in a dry run
     */
    ImportBatch.Outcome importFile(String tenantId, Document source, Path bytes, boolean dryRun) throws IOException;
}
