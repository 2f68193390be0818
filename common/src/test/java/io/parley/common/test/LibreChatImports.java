package io.parley.common.test;

import io.grpc.ManagedChannel;
import io.parley.proto.common.v1.ImportDocumentsRequest;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.LibreChatImportGrpc;
import java.util.List;

/** Calls a service's {@code LibreChatImport} as {@code ./parley migrate-librechat} does, over a real connection. */
public final class LibreChatImports {

    private LibreChatImports() {
    }

    /** One batch of LibreChat documents (Extended JSON) as the person of {@code token}. */
    public static ImportOutcome send(ManagedChannel channel, String token, String collection, boolean dryRun,
                                     List<String> documents) {
        return GrpcCalls.as(LibreChatImportGrpc.newBlockingStub(channel), token, 30)
                .importDocuments(ImportDocumentsRequest.newBuilder().setCollection(collection).setDryRun(dryRun)
                        .addAllDocuments(documents).build())
                .getOutcome();
    }

    /** {@link #send} written for real. */
    public static ImportOutcome send(ManagedChannel channel, String token, String collection, String... documents) {
        return send(channel, token, collection, false, List.of(documents));
    }
}
