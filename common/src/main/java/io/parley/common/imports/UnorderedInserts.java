package io.parley.common.imports;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import io.parley.common.imports.LibreChatImporter.Written;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Many documents in one unordered insert command, each written or refused on its own: on the embedded store
 * one command is one synced commit, where an insert per document would cost a commit each. A document refused
 * by a unique index is {@link Written#PRESENT} (its id arrived meanwhile), except on {@code _id} alone, which in
 * a tenant-scoped collection means another tenant's document holds that id.
 */
public final class UnorderedInserts {

    private static final int DUPLICATE_KEY = 11000;
    /** The server's E11000 message names the index: {@code index: _id_ dup key: …}. */
    private static final Pattern ID_INDEX = Pattern.compile("index: _id_?\\s");

    private UnorderedInserts() {
    }

    public static List<Written> insert(MongoTemplate mongo, String collection, List<Document> documents) {
        List<Written> results = new ArrayList<>(Collections.nCopies(documents.size(), Written.WRITTEN));
        if (documents.isEmpty()) {
            return results;
        }
        try {
            mongo.getCollection(collection).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                results.set(error.getIndex(), result(error));
            }
        }
        return results;
    }

    private static Written result(BulkWriteError error) {
        if (error.getCode() != DUPLICATE_KEY) {
            return Written.skipped("refused by the store (code " + error.getCode() + ")");
        }
        String message = error.getMessage() == null ? "" : error.getMessage();
        return ID_INDEX.matcher(message).find()
                ? Written.skipped("its _id is held by a document of another tenant") : Written.PRESENT;
    }
}
