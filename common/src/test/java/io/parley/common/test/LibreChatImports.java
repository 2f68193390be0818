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

    /**
     * One file of LibreChat's {@code files} with its bytes, in chunks of 64 KiB, as the person of {@code token};
     * the status the call ended with as a {@link io.grpc.StatusRuntimeException}.
     */
    public static ImportOutcome sendFile(ManagedChannel channel, String token, String document, byte[] bytes,
                                         boolean dryRun) {
        java.util.concurrent.CompletableFuture<ImportOutcome> answer = new java.util.concurrent.CompletableFuture<>();
        io.grpc.stub.StreamObserver<io.parley.proto.common.v1.ImportFileRequest> upload =
                GrpcCalls.as(LibreChatImportGrpc.newStub(channel), token, 30).importFile(new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(io.parley.proto.common.v1.ImportFileResponse response) {
                        answer.complete(response.getOutcome());
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        upload.onNext(io.parley.proto.common.v1.ImportFileRequest.newBuilder().setHeader(
                io.parley.proto.common.v1.ImportFileHeader.newBuilder().setDocument(document)
                        .setLength(dryRun ? 0 : bytes.length).setDryRun(dryRun)).build());
        for (int offset = 0; !dryRun && offset < bytes.length; offset += 65536) {
            upload.onNext(io.parley.proto.common.v1.ImportFileRequest.newBuilder().setData(com.google.protobuf.ByteString
                    .copyFrom(bytes, offset, Math.min(65536, bytes.length - offset))).build());
        }
        upload.onCompleted();
        try {
            return answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #send} written for real. */
    public static ImportOutcome send(ManagedChannel channel, String token, String collection, String... documents) {
        return send(channel, token, collection, false, List.of(documents));
    }
}
