package io.parley.file.upload;

import static io.parley.common.test.GrpcCalls.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.parley.common.test.GrpcCalls;
import io.parley.common.test.GrpcServerPort;
import io.parley.common.test.Http;
import io.parley.common.test.LibreChatImports;
import io.parley.common.test.Tokens;
import io.parley.file.FileIntegrationTest;
import io.parley.file.TestImages;
import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.parley.proto.common.v1.ImportFileHeader;
import io.parley.proto.common.v1.ImportFileRequest;
import io.parley.proto.common.v1.ImportFileResponse;
import io.parley.proto.common.v1.ImportOutcome;
import io.parley.proto.common.v1.LibreChatImportGrpc;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * file-service's part of {@code ./parley migrate-librechat}: LibreChat's file records with their bytes streamed
 * over real gRPC as an ADMIN, stored in the local strategy, then listed, downloaded and shown as their person.
 */
class LibreChatFileImportIntegrationTest extends FileIntegrationTest {

    @Autowired
    GrpcServerPort grpc;
    @Autowired
    MongoTemplate mongo;

    private ManagedChannel channel;
    private String admin;

    @BeforeEach
    void connect() {
        channel = GrpcCalls.loopback(grpc.port);
        admin = Tokens.accessToken(new ObjectId().toHexString(), tenant, "ADMIN", null);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    /** A file record as LibreChat's local strategy writes it. */
    private static String file(String user, String fileId, String filename, String filepath, String type, long bytes,
                               String extra) {
        return """
                {"_id":{"$oid":"%s"},"user":{"$oid":"%s"},"file_id":"%s","bytes":%d,"filename":"%s","filepath":"%s",
                 "object":"file","type":"%s","usage":2,"source":"local","context":"message_attachment","embedded":false,
                 "createdAt":{"$date":"2024-04-01T00:00:00Z"},"updatedAt":{"$date":"2024-04-01T00:00:00Z"},"__v":0%s}"""
                .formatted(new ObjectId().toHexString(), user, fileId, bytes, filename, filepath, type, extra);
    }

    @Test
    void aDocumentAndAnImageArriveWithTheirBytesAndKeepTheirIds() {
        Person ada = user();
        String docId = UUID.randomUUID().toString();
        String imageId = UUID.randomUUID().toString();
        byte[] text = "notes from LibreChat\n".getBytes(StandardCharsets.UTF_8);
        byte[] png = TestImages.png(20, 10);

        ImportOutcome document = LibreChatImports.sendFile(channel, admin, file(ada.id(), docId, "notes.txt",
                "/uploads/" + ada.id() + "/" + docId + "__notes.txt", "text/plain", text.length, ""), text, false);
        ImportOutcome image = LibreChatImports.sendFile(channel, admin, file(ada.id(), imageId, "photo.png",
                "/images/" + ada.id() + "/" + imageId + "__photo.png", "image/png", png.length, ""), png, false);

        assertThat(document.getWritten()).isEqualTo(1);
        assertThat(image.getWritten()).isEqualTo(1);
        JsonNode listed = http.get("/api/files", ada.auth()).json();
        assertThat(listed).hasSize(2);
        assertThat(http.get("/api/files/download/" + ada.id() + "/" + docId, ada.auth()).body()).isEqualTo("notes from LibreChat\n");
        Http.Response shown = http.get("/images/" + ada.id() + "/" + imageId + ".png", "X-Parley-Tenant", tenant);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(mongo.findOne(Query.query(Criteria.where("tenantId").is(tenant).and("file_id").is(imageId)),
                org.bson.Document.class, "files").getInteger("width")).isEqualTo(20);
    }

    @Test
    void aSecondImportWritesNothingAndATemporaryUploadIsSkipped() {
        Person ada = user();
        String id = UUID.randomUUID().toString();
        byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
        String doc = file(ada.id(), id, "a.txt", "/uploads/a", "text/plain", 1, "");
        LibreChatImports.sendFile(channel, admin, doc, bytes, false);

        ImportOutcome again = LibreChatImports.sendFile(channel, admin, doc, bytes, false);
        ImportOutcome temporary = LibreChatImports.sendFile(channel, admin, file(ada.id(), UUID.randomUUID().toString(),
                "b.txt", "/uploads/b", "text/plain", 1, ",\"expiresAt\":{\"$date\":\"2024-04-01T01:00:00Z\"}"), bytes, false);

        assertThat(again.getAlreadyPresent()).isEqualTo(1);
        assertThat(again.getWritten()).isZero();
        assertThat(temporary.getSkipped(0).getReason()).isEqualTo("a temporary upload no message used, which LibreChat lets expire");
        assertThat(http.get("/api/files", ada.auth()).json()).hasSize(1);
    }

    @Test
    void onlyAnAdminMayImportAndADryRunStoresNothing() {
        Person ada = user();
        String doc = file(ada.id(), UUID.randomUUID().toString(), "a.txt", "/uploads/a", "text/plain", 1, "");

        assertThat(codeOf(() -> LibreChatImports.sendFile(channel, ada.token(), doc, new byte[] {1}, false)))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(codeOf(() -> LibreChatImports.send(channel, admin, "files", "{}")))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(LibreChatImports.sendFile(channel, admin, doc, new byte[0], true).getWritten()).isEqualTo(1);
        assertThat(mongo.exists(Query.query(Criteria.where("tenantId").is(tenant)), "files")).isFalse();
    }

    @Test
    void fewerBytesThanTheHeaderAnnouncedStoreNothing() throws Exception {
        Person ada = user();
        String doc = file(ada.id(), UUID.randomUUID().toString(), "a.txt", "/uploads/a", "text/plain", 5, "");
        java.util.concurrent.CompletableFuture<Status> ended = new java.util.concurrent.CompletableFuture<>();
        var upload = GrpcCalls.as(LibreChatImportGrpc.newStub(channel), admin, 5).importFile(new StreamObserver<>() {
            @Override
            public void onNext(ImportFileResponse response) {
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
        upload.onNext(ImportFileRequest.newBuilder().setHeader(ImportFileHeader.newBuilder().setDocument(doc).setLength(5)).build());
        upload.onNext(ImportFileRequest.newBuilder().setData(ByteString.copyFromUtf8("abc")).build());
        upload.onCompleted();

        assertThat(ended.get(10, java.util.concurrent.TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(mongo.exists(Query.query(Criteria.where("tenantId").is(tenant)), "files")).isFalse();
    }
}
