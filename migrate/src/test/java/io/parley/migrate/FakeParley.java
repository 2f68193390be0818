package io.parley.migrate;

import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.parley.proto.common.v1.ImportDocumentsRequest;
import io.parley.proto.common.v1.ImportDocumentsResponse;
import io.parley.proto.common.v1.ImportFileRequest;
import io.parley.proto.common.v1.ImportFileResponse;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.ImportedDocumentNote;
import io.parley.proto.common.v1.LibreChatImportGrpc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * Four services' {@code LibreChatImport} on loopback ports, as the real ones answer it: an ADMIN's token needed,
 * only their own collections taken, an id written once (again: present), a document holding {@code "unmappable"}
 * skipped with a reason. What arrives is kept for the tests to look at.
 */
final class FakeParley implements AutoCloseable {

    /** The collections each service takes, as the real services declare them. */
    static final Map<ParleyServices.Service, Set<String>> TAKES = Map.of(
            ParleyServices.Service.AUTH, Set.of("roles", "users", "balances", "transactions", "groups", "accessroles", "aclentries"),
            ParleyServices.Service.CHAT, Set.of("conversations", "messages", "presets", "conversationtags", "memoryentries",
                    "promptgroups", "prompts", "sharedlinks", "keys"),
            ParleyServices.Service.AGENT, Set.of("agents"),
            ParleyServices.Service.FILE, Set.of());

    private final Map<ParleyServices.Service, Server> servers = new EnumMap<>(ParleyServices.Service.class);
    /** Collection → ids written, in arrival order. */
    final Map<String, Set<String>> written = new ConcurrentHashMap<>();
    /** Every written call: collection, number of documents, dry run. */
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The documents of {@code keys} that arrived, as sent. */
    final List<String> keys = java.util.Collections.synchronizedList(new ArrayList<>());
    /** file_id → the bytes that arrived. */
    final Map<String, byte[]> bytes = new ConcurrentHashMap<>();
    /** Fails every call with UNAVAILABLE once this many more calls of {@link #failing} arrived (negative: never). */
    final AtomicInteger failAfter = new AtomicInteger(-1);
    volatile String failing = "";
    /** The largest number of documents one call carried. */
    final AtomicInteger largestBatch = new AtomicInteger();

    FakeParley() throws IOException {
        for (ParleyServices.Service service : ParleyServices.Service.values()) {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(new Import(service), new AdminOnly())).build().start();
            servers.put(service, server);
        }
    }

    /** The addresses to give the command. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        servers.forEach((service, server) -> env.put(service.environment(), "static://127.0.0.1:" + server.getPort()));
        return env;
    }

    int port(ParleyServices.Service service) {
        return servers.get(service).getPort();
    }

    /** A token the fake takes: its claims only (the real services verify the signature). */
    static String token(String tenant, String role, long expiresInSeconds) {
        return token("65a000000000000000000000", tenant, role, expiresInSeconds);
    }

    static String token(String subject, String tenant, String role, long expiresInSeconds) {
        String claims = new Document("sub", subject).append("tenant", tenant).append("role", role)
                .append("exp", System.currentTimeMillis() / 1000 + expiresInSeconds).toJson();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".signature";
    }

    private static final class AdminOnly implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String header = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
            if (header == null || !header.startsWith("Bearer ")) {
                call.close(Status.UNAUTHENTICATED.withDescription("no token"), new Metadata());
                return new ServerCall.Listener<>() { };
            }
            String[] parts = header.substring(7).split("\\.");
            Document claims = Document.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (!"ADMIN".equals(claims.getString("role"))) {
                call.close(Status.PERMISSION_DENIED.withDescription("Only an ADMIN of the tenant may import LibreChat data"),
                        new Metadata());
                return new ServerCall.Listener<>() { };
            }
            return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
        }
    }

    private final class Import extends LibreChatImportGrpc.LibreChatImportImplBase {
        private final ParleyServices.Service service;

        Import(ParleyServices.Service service) {
            this.service = service;
        }

        @Override
        public void importDocuments(ImportDocumentsRequest request, StreamObserver<ImportDocumentsResponse> answer) {
            if (!TAKES.get(service).contains(request.getCollection())) {
                answer.onError(Status.INVALID_ARGUMENT.withDescription("not taken here").asRuntimeException());
                return;
            }
            if (request.getCollection().equals(failing) && failAfter.getAndDecrement() == 0) {
                answer.onError(Status.UNAVAILABLE.withDescription("restarting").asRuntimeException());
                return;
            }
            largestBatch.accumulateAndGet(request.getDocumentsCount(), Math::max);
            if (request.getDocumentsCount() > 0) {
                calls.add(request.getCollection() + ":" + request.getDocumentsCount() + (request.getDryRun() ? ":dry" : ""));
            }
            ImportOutcome.Builder outcome = ImportOutcome.newBuilder();
            for (String json : request.getDocumentsList()) {
                if (request.getCollection().equals("keys")) {
                    keys.add(json);
                }
                Document document = Document.parse(json);
                String id = String.valueOf(document.get("_id"));
                if (json.contains("unmappable")) {
                    outcome.addSkipped(ImportedDocumentNote.newBuilder().setId(id).setReason("cannot be mapped"));
                } else if (request.getDryRun()) {
                    outcome.setWritten(outcome.getWritten() + (isWritten(request.getCollection(), id) ? 0 : 1));
                } else if (written.computeIfAbsent(request.getCollection(), c -> ConcurrentHashMap.newKeySet()).add(id)) {
                    outcome.setWritten(outcome.getWritten() + 1);
                } else {
                    outcome.setAlreadyPresent(outcome.getAlreadyPresent() + 1);
                }
            }
            answer.onNext(ImportDocumentsResponse.newBuilder().setOutcome(outcome).build());
            answer.onCompleted();
        }

        @Override
        public StreamObserver<ImportFileRequest> importFile(StreamObserver<ImportFileResponse> answer) {
            return new StreamObserver<>() {
                private Document document;
                private boolean dryRun;
                private final ByteArrayOutputStream received = new ByteArrayOutputStream();

                @Override
                public void onNext(ImportFileRequest part) {
                    if (part.hasHeader()) {
                        document = Document.parse(part.getHeader().getDocument());
                        dryRun = part.getHeader().getDryRun();
                    } else {
                        received.writeBytes(part.getData().toByteArray());
                    }
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    String fileId = document.getString("file_id");
                    ImportOutcome.Builder outcome = ImportOutcome.newBuilder();
                    if (dryRun) {
                        outcome.setWritten(isWritten("files", fileId) ? 0 : 1);
                    } else if (written.computeIfAbsent("files", c -> ConcurrentHashMap.newKeySet()).add(fileId)) {
                        bytes.put(fileId, received.toByteArray());
                        calls.add("files:1");
                        outcome.setWritten(1);
                    } else {
                        outcome.setAlreadyPresent(1);
                    }
                    answer.onNext(ImportFileResponse.newBuilder().setOutcome(outcome).build());
                    answer.onCompleted();
                }
            };
        }
    }

    private boolean isWritten(String collection, String id) {
        return written.getOrDefault(collection, Set.of()).contains(id);
    }

    int count(String collection) {
        return written.getOrDefault(collection, Set.of()).size();
    }

    @Override
    public void close() {
        servers.values().forEach(Server::shutdownNow);
    }
}
