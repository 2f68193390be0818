package io.parley.common.imports;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.parley.common.error.ApiException;
import io.parley.common.grpc.GrpcCaller;
import io.parley.common.grpc.GrpcErrors;
import io.parley.common.security.CurrentUser;
import io.parley.proto.common.v1.ImportFileHeader;
import io.parley.proto.common.v1.ImportFileRequest;
import io.parley.proto.common.v1.ImportFileResponse;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.ImportDocumentsRequest;
import io.parley.proto.common.v1.ImportDocumentsResponse;
import io.parley.proto.common.v1.ImportedDocumentNote;
import io.parley.proto.common.v1.LibreChatImportGrpc;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.json.JsonParseException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parley.common.v1.LibreChatImport} for the collections this service's importers take. Only an ADMIN
 * or the installation's operator (whose token is good over gRPC here only) may call it, and everything goes
 * into that token's tenant: the tenant comes from the relayed token, never from a document; nothing is
 * stored under the caller's id.
 */
final class LibreChatImportGrpcService extends LibreChatImportGrpc.LibreChatImportImplBase {

    private static final Logger log = LoggerFactory.getLogger(LibreChatImportGrpcService.class);
    /** A batch larger than this is the caller's mistake: the answer would not come within its deadline. */
    static final int MAX_DOCUMENTS = 5_000;

    private final Map<String, LibreChatImporter<?>> importers;
    private final @Nullable LibreChatFileImporter files;

    LibreChatImportGrpcService(List<LibreChatImporter<?>> importers, @Nullable LibreChatFileImporter files) {
        this.importers = importers.stream().collect(Collectors.toMap(LibreChatImporter::collection, i -> i));
        this.files = files;
    }

    @Override
    public void importDocuments(ImportDocumentsRequest request, StreamObserver<ImportDocumentsResponse> answer) {
        CurrentUser admin = requireAdmin();
        LibreChatImporter<?> importer = importers.get(request.getCollection());
        if (importer == null) {
            throw new ApiException.Invalid("This service does not take LibreChat's collection "
                    + safe(request.getCollection()) + "; it takes " + importers.keySet().stream().sorted().toList());
        }
        if (request.getDocumentsCount() > MAX_DOCUMENTS) {
            throw new ApiException.Invalid("At most " + MAX_DOCUMENTS + " documents per batch");
        }
        ImportBatch.Outcome outcome = ImportBatch.run(importer, admin.tenantId(), request.getDocumentsList(),
                request.getDryRun());
        answer.onNext(ImportDocumentsResponse.newBuilder().setOutcome(proto(outcome)).build());
        answer.onCompleted();
    }

    @Override
    public StreamObserver<ImportFileRequest> importFile(StreamObserver<ImportFileResponse> answer) {
        CurrentUser admin;
        try {
            admin = requireAdmin();
            if (files == null) {
                throw new ApiException.Invalid("This service does not take LibreChat's files");
            }
        } catch (ApiException e) {
            answer.onError(GrpcErrors.toStatus(e));
            return new Ignored();
        }
        return new FileUpload(admin.tenantId(), files, answer);
    }

    /** What a refused call receives: nothing more is done with it. */
    private static final class Ignored implements StreamObserver<ImportFileRequest> {
        @Override
        public void onNext(ImportFileRequest request) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }

    private static CurrentUser requireAdmin() {
        CurrentUser caller = GrpcCaller.require();
        if (!caller.isAdmin()) {
            throw new ApiException.Forbidden("Only an ADMIN of the tenant may import LibreChat data");
        }
        return caller;
    }

    static ImportOutcome proto(ImportBatch.Outcome outcome) {
        return ImportOutcome.newBuilder().setWritten(outcome.written()).setAlreadyPresent(outcome.present())
                .addAllSkipped(outcome.skipped().stream().map(LibreChatImportGrpcService::note).toList())
                .addAllWarnings(outcome.warnings().stream().map(LibreChatImportGrpcService::note).toList())
                .build();
    }

    private static ImportedDocumentNote note(ImportBatch.Note note) {
        return ImportedDocumentNote.newBuilder().setId(note.id()).setReason(note.reason()).build();
    }

    private static String safe(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }

    /**
     * One file: the header, then its bytes spooled to a temporary file (never held in memory), then the
     * import once all announced bytes arrived. The temporary file is removed whatever happens.
     */
    private static final class FileUpload implements StreamObserver<ImportFileRequest> {

        private final String tenantId;
        private final LibreChatFileImporter files;
        private final StreamObserver<ImportFileResponse> answer;
        private @Nullable ImportFileHeader header;
        private @Nullable Document source;
        private @Nullable Path spool;
        private @Nullable OutputStream out;
        private long received;
        private boolean failed;

        FileUpload(String tenantId, LibreChatFileImporter files, StreamObserver<ImportFileResponse> answer) {
            this.tenantId = tenantId;
            this.files = files;
            this.answer = answer;
        }

        @Override
        public void onNext(ImportFileRequest part) {
            if (failed) {
                return;
            }
            try {
                if (part.hasHeader()) {
                    start(part.getHeader());
                } else if (header == null || out == null) {
                    fail(Status.INVALID_ARGUMENT.withDescription("The header must come first"));
                } else {
                    received += part.getData().size();
                    if (received > header.getLength()) {
                        fail(Status.INVALID_ARGUMENT.withDescription("More bytes than the header announced"));
                        return;
                    }
                    part.getData().writeTo(out);
                }
            } catch (IOException e) {
                log.warn("LibreChat file import could not spool tenant_id={} failure={}", tenantId, e.getClass().getSimpleName());
                fail(Status.UNAVAILABLE.withDescription("The bytes could not be spooled"));
            }
        }

        private void start(ImportFileHeader header) throws IOException {
            if (this.header != null) {
                fail(Status.INVALID_ARGUMENT.withDescription("One header per call"));
                return;
            }
            try {
                source = Document.parse(header.getDocument());
            } catch (JsonParseException | IllegalArgumentException e) {
                fail(Status.INVALID_ARGUMENT.withDescription("The header's document is not JSON"));
                return;
            }
            this.header = header;
            if (!header.getDryRun()) {
                spool = Files.createTempFile("parley-librechat-file", ".part");
                out = Files.newOutputStream(spool);
            }
        }

        @Override
        public void onError(Throwable t) {
            failed = true;
            cleanUp();
        }

        @Override
        public void onCompleted() {
            if (failed) {
                return;
            }
            try {
                if (header == null || source == null) {
                    fail(Status.INVALID_ARGUMENT.withDescription("No header"));
                    return;
                }
                if (out != null) {
                    out.close();
                }
                if (!header.getDryRun() && received != header.getLength()) {
                    fail(Status.INVALID_ARGUMENT.withDescription("Fewer bytes than the header announced"));
                    return;
                }
                ImportBatch.Outcome outcome = files.importFile(tenantId, source, spool, header.getDryRun());
                answer.onNext(ImportFileResponse.newBuilder().setOutcome(proto(outcome)).build());
                answer.onCompleted();
            } catch (ApiException e) {
                failed = true;
                answer.onError(GrpcErrors.toStatus(e));
            } catch (IOException | RuntimeException e) {
                log.warn("LibreChat file import failed tenant_id={} failure={}", tenantId, e.getClass().getSimpleName());
                fail(Status.UNAVAILABLE.withDescription("The file could not be stored"));
            } finally {
                cleanUp();
            }
        }

        private void fail(Status status) {
            failed = true;
            cleanUp();
            answer.onError(status.asRuntimeException());
        }

        private void cleanUp() {
            try {
                if (out != null) {
                    out.close();
                }
                if (spool != null) {
                    Files.deleteIfExists(spool);
                }
            } catch (IOException e) {
                log.warn("LibreChat file import left a temporary file tenant_id={}", tenantId);
            }
        }
    }
}
