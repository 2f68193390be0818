package io.parley.common.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend, except that queries pinning an index's leading fields with plain
 * equality read only the matching documents instead of the whole collection (see {@link IndexLookups}). The
 * file format is the library's own; the lookups live in memory and are rebuilt after the file is opened.
 *
 * <p>A write is acknowledged only once it is on disk ({@link GroupCommit}). The library opens the file
 * with H2's background commit, which writes a second later on a thread of its own: a crash lost the last
 * second of acknowledged writes, and a commit asked for meanwhile only handed its chunk to that thread.
 * Opened without it, a commit writes its chunk before it returns.
 */
public class IndexedH2Backend extends H2Backend {

    /** The commands that change data or indexes (lower case), as drivers send them. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "dropindexes", "deleteindexes", "drop", "dropdatabase", "renamecollection");

    private final GroupCommit commits;

    /** Opens (or creates) the H2 file. */
    public IndexedH2Backend(String fileName) {
        super(new MVStore.Builder().fileName(fileName).autoCommitDisabled().open());
        this.commits = new GroupCommit(getMvStore());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document result = super.handleCommand(channel, database, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            commits.awaitDurable();
        }
        return result;
    }

    // Called from H2Backend's constructor for every database already in the file: it must not use fields of this class.
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }
}
