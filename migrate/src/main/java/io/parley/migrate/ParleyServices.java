package io.parley.migrate;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.parley.proto.common.v1.ImportDocumentsRequest;
import io.parley.proto.common.v1.ImportFileHeader;
import io.parley.proto.common.v1.ImportFileRequest;
import io.parley.proto.common.v1.ImportFileResponse;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.LibreChatImportGrpc;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The four services' {@code LibreChatImport}, each on its own gRPC port, called with the ADMIN's token and a
 * deadline. The only place that reads a call's status: a refusal becomes a {@link MigrationStopped} naming the
 * service and what to do.
 */
final class ParleyServices implements AutoCloseable {

    /** The services that own LibreChat's data, with the environment name and local default of their address. */
    enum Service {
        AUTH("auth-service", "AUTH_GRPC_ADDRESS", "127.0.0.1:9081", "users"),
        CHAT("chat-service", "CHAT_GRPC_ADDRESS", "127.0.0.1:9082", "conversations"),
        AGENT("agent-service", "AGENT_GRPC_ADDRESS", "127.0.0.1:9083", "agents"),
        FILE("file-service", "FILE_GRPC_ADDRESS", "127.0.0.1:9084", null);

        private final String label;
        private final String environment;
        private final String defaultAddress;
        private final @Nullable String probeCollection;

        Service(String label, String environment, String defaultAddress, @Nullable String probeCollection) {
            this.label = label;
            this.environment = environment;
            this.defaultAddress = defaultAddress;
            this.probeCollection = probeCollection;
        }

        String label() {
            return label;
        }

        String environment() {
            return environment;
        }

        String defaultAddress() {
            return defaultAddress;
        }
    }

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final long BATCH_DEADLINE_SECONDS = 60;
    private static final int CHUNK = 1 << 20;

    private final Map<Service, String> addresses;
    private final Map<Service, ManagedChannel> channels = new EnumMap<>(Service.class);
    private final AdminTokens tokens;
    private final @Nullable String tenant;

    ParleyServices(Map<Service, String> addresses, AdminTokens tokens, @Nullable String tenant) {
        this.addresses = addresses;
        this.tokens = tokens;
        this.tenant = tenant;
        addresses.forEach((service, address) -> channels.put(service, NettyChannelBuilder.forTarget(address)
                .usePlaintext().maxInboundMessageSize(16 << 20).build()));
    }

    /**
     * Before anything is written: every service answers, takes the token as an ADMIN's, and serves the import (an
     * empty dry run for the document services; for file-service, a collection it does not take, which it refuses
     * only after the ADMIN check).
     */
    void check() {
        for (Service service : Service.values()) {
            if (service.probeCollection != null) {
                importDocuments(service, service.probeCollection, List.of(), true);
                continue;
            }
            try {
                stub(service, BATCH_DEADLINE_SECONDS).importDocuments(ImportDocumentsRequest.newBuilder()
                        .setCollection("files").setDryRun(true).build());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
                    throw stopped(service, e);
                }
            }
        }
    }

    ImportOutcome importDocuments(Service service, String collection, List<String> documents, boolean dryRun) {
        try {
            return stub(service, BATCH_DEADLINE_SECONDS).importDocuments(ImportDocumentsRequest.newBuilder()
                    .setCollection(collection).addAllDocuments(documents).setDryRun(dryRun).build()).getOutcome();
        } catch (StatusRuntimeException e) {
            throw stopped(service, e);
        }
    }

    /**
     * One file with its bytes, streamed in chunks of 1 MiB as file-service asks for them (flow control: the file
     * is never held in memory), from a local folder or an object store alike.
     *
     * @param bytes null in a dry run
     * @throws IOException when the bytes cannot be opened or stop part-way; the call is then cancelled, so
     *                     file-service keeps nothing of it
     */
    ImportOutcome importFile(String document, @Nullable StoredBytes bytes, boolean dryRun) throws IOException {
        if (dryRun || bytes == null) {
            return importFile(document, null);
        }
        try (StoredBytes.Opened opened = bytes.open()) {
            return importFile(document, opened);
        }
    }

    private ImportOutcome importFile(String document, StoredBytes.@Nullable Opened bytes) throws IOException {
        long length = bytes == null ? 0 : bytes.length();
        // a minute, and a minute more per 64 MB
        long deadline = BATCH_DEADLINE_SECONDS + length / (64L << 20) * 60;
        CompletableFuture<ImportOutcome> answer = new CompletableFuture<>();
        Object ready = new Object();
        CompletableFuture<ClientCallStreamObserver<ImportFileRequest>> requests = new CompletableFuture<>();
        asyncStub(Service.FILE, deadline).importFile(new ClientResponseObserver<ImportFileRequest, ImportFileResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<ImportFileRequest> stream) {
                stream.setOnReadyHandler(() -> {
                    synchronized (ready) {
                        ready.notifyAll();
                    }
                });
                requests.complete(stream);
            }

            @Override
            public void onNext(ImportFileResponse response) {
                answer.complete(response.getOutcome());
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
                synchronized (ready) {
                    ready.notifyAll();
                }
            }

            @Override
            public void onCompleted() {
                answer.complete(ImportOutcome.getDefaultInstance());
            }
        });
        ClientCallStreamObserver<ImportFileRequest> upload = requests.join();
        upload.onNext(ImportFileRequest.newBuilder().setHeader(ImportFileHeader.newBuilder().setDocument(document)
                .setLength(length).setDryRun(bytes == null)).build());
        if (bytes != null) {
            try {
                byte[] chunk = new byte[CHUNK];
                long sent = 0;
                int read;
                while (!answer.isDone() && sent < length
                        && (read = bytes.in().readNBytes(chunk, 0, (int) Math.min(CHUNK, length - sent))) > 0) {
                    awaitReady(upload, ready, answer);
                    upload.onNext(ImportFileRequest.newBuilder().setData(ByteString.copyFrom(chunk, 0, read)).build());
                    sent += read;
                }
                if (!answer.isDone() && sent < length) {
                    throw new IOException("only " + sent + " of its " + length + " bytes could be read");
                }
            } catch (MigrationStopped e) {
                upload.cancel("stopped", e);
                throw e;
            } catch (IOException | RuntimeException e) {
                // a store failing part-way (its clients throw unchecked exceptions too): this file is skipped
                upload.cancel("the bytes could not be read", e);
                throw e instanceof IOException io ? io : new IOException(String.valueOf(e.getMessage()), e);
            }
        }
        upload.onCompleted();
        try {
            return answer.get(deadline + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException status) {
                throw stopped(Service.FILE, status);
            }
            throw new MigrationStopped("file-service failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationStopped("interrupted");
        } catch (TimeoutException e) {
            throw new MigrationStopped("file-service did not answer within " + deadline + " s");
        }
    }

    /** Waits until the transport takes more (file-service reads as it stores), or the call has ended. */
    private static void awaitReady(ClientCallStreamObserver<?> upload, Object ready, CompletableFuture<?> answer) {
        synchronized (ready) {
            while (!upload.isReady() && !answer.isDone()) {
                try {
                    ready.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MigrationStopped("interrupted");
                }
            }
        }
    }

    private LibreChatImportGrpc.LibreChatImportBlockingStub stub(Service service, long seconds) {
        return LibreChatImportGrpc.newBlockingStub(channels.get(service)).withInterceptors(authorization())
                .withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    private LibreChatImportGrpc.LibreChatImportStub asyncStub(Service service, long seconds) {
        return LibreChatImportGrpc.newStub(channels.get(service)).withInterceptors(authorization())
                .withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    private io.grpc.ClientInterceptor authorization() {
        Metadata metadata = new Metadata();
        metadata.put(AUTHORIZATION, "Bearer " + tokens.token(tenant));
        return MetadataUtils.newAttachHeadersInterceptor(metadata);
    }

    private MigrationStopped stopped(Service service, StatusRuntimeException e) {
        Status status = e.getStatus();
        String said = status.getDescription() == null ? "" : ": " + status.getDescription();
        String where = service.label() + " at " + addresses.get(service);
        return new MigrationStopped(switch (status.getCode()) {
            case UNAVAILABLE -> where + " does not answer (is Parley up? ./parley status; or set " + service.environment()
                    + ")" + said;
            case UNAUTHENTICATED -> where + " refused the token" + said + ". An access token lasts SESSION_EXPIRY (15 "
                    + "minutes by default): sign in again and run the command again; what was written stays";
            case PERMISSION_DENIED -> where + " refused" + said;
            case DEADLINE_EXCEEDED -> where + " did not answer in time; run the command again to continue";
            case UNIMPLEMENTED -> where + " has no LibreChatImport: it is older than this command";
            default -> where + " failed (" + status.getCode() + ")" + said;
        });
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
