package io.parley.file.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.parley.common.test.GrpcCalls;
import io.parley.common.test.GrpcServerPort;
import io.parley.common.test.Http;
import io.parley.file.FileIntegrationTest;
import io.parley.file.TestImages;
import io.parley.proto.file.v1.AttachFilesRequest;
import io.parley.proto.file.v1.FileMetadata;
import io.parley.proto.file.v1.FilesGrpc;
import io.parley.proto.file.v1.GetFilesRequest;
import io.parley.proto.file.v1.ReadFileRequest;
import io.parley.proto.file.v1.ReadFileResponse;
import io.parley.proto.file.v1.StoreFileHeader;
import io.parley.proto.file.v1.StoreFileRequest;
import io.parley.proto.file.v1.StoreFileResponse;
import io.parley.proto.file.v1.StorePurpose;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code parley.file.v1.Files} over a real loopback gRPC connection, as chat-service calls it for attachments. */
class FilesGrpcIntegrationTest extends FileIntegrationTest {

    private static final byte[] TEXT = "Attach me to a message.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Autowired
    GrpcServerPort grpc;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpc.port).usePlaintext().build();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void getFilesAnswersTheReadableFilesInTheOrderAskedAndLeavesOutTheRest() {
        Person me = user();
        Person other = user();
        String mine = upload(me, false).get("file_id").asString();
        String theirs = upload(other, false).get("file_id").asString();
        String throughAgent = upload(other, false).get("file_id").asString();
        AUTH.readableThroughAnAgent(tenant, me.id(), throughAgent);
        String elsewhere = upload(me.in("another-tenant"), false).get("file_id").asString();

        List<FileMetadata> files = as(me).getFiles(GetFilesRequest.newBuilder().addFileIds(throughAgent).addFileIds(theirs)
                .addFileIds(UUID.randomUUID().toString()).addFileIds(elsewhere).addFileIds(mine).addFileIds(mine).build())
                .getFilesList();

        assertThat(files).extracting(FileMetadata::getFileId).containsExactly(throughAgent, mine);
        FileMetadata own = files.get(1);
        assertThat(own.getUser()).isEqualTo(me.id());
        assertThat(own.getFilename()).isEqualTo("notes.txt");
        assertThat(own.getType()).isEqualTo("text/plain");
        assertThat(own.getBytes()).isEqualTo(TEXT.length);
        assertThat(own.getSource()).isEqualTo("local");
        assertThat(own.getFilepath()).isEqualTo("/uploads/" + me.id() + "/" + mine);
    }

    @Test
    void attachingMakesAChatAttachmentPermanentAndCountsItsUse() {
        Person me = user();
        JsonNode uploaded = upload(me, true);
        String id = uploaded.get("file_id").asString();
        assertThat(uploaded.has("expiresAt")).as("a chat attachment is temporary").isTrue();

        List<FileMetadata> attached = as(me).attachFiles(AttachFilesRequest.newBuilder().addFileIds(id).build()).getFilesList();

        assertThat(attached).extracting(FileMetadata::getFileId).containsExactly(id);
        JsonNode listed = http.get("/api/files", me.auth()).json().get(0);
        assertThat(listed.has("expiresAt")).isFalse();
        assertThat(listed.get("usage").asInt()).isEqualTo(1);
    }

    @Test
    void attachingIsAllOrNothingAndNamesTheFileThatCannotBeAttached() {
        Person me = user();
        String mine = upload(me, true).get("file_id").asString();
        String theirs = upload(user(), true).get("file_id").asString();

        assertThatThrownBy(() -> as(me).attachFiles(AttachFilesRequest.newBuilder().addFileIds(mine).addFileIds(theirs).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains(theirs).doesNotContain(mine);
                });
        JsonNode listed = http.get("/api/files", me.auth()).json().get(0);
        assertThat(listed.get("usage").asInt()).isZero();
        assertThat(listed.has("expiresAt")).isTrue();
    }

    @Test
    void moreThanAHundredIdsAreRefused() {
        AttachFilesRequest.Builder request = AttachFilesRequest.newBuilder();
        for (int i = 0; i <= FilesGrpcService.MAX_IDS; i++) {
            request.addFileIds(UUID.randomUUID().toString());
        }

        assertThatThrownBy(() -> as(user()).attachFiles(request.build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void readFileStreamsTheBytesInChunksWithTheMetadataFirst() {
        Person me = user();
        byte[] content = text(200_000, 7);
        String id = uploadBytes(me, content);

        List<ReadFileResponse> messages = new ArrayList<>();
        as(me).readFile(ReadFileRequest.newBuilder().setFileId(id).build()).forEachRemaining(messages::add);

        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).getMetadata().getFileId()).isEqualTo(id);
        assertThat(messages.get(1).hasMetadata()).isFalse();
        assertThat(messages).allSatisfy(m -> assertThat(m.getData().size()).isLessThanOrEqualTo(FilesGrpcService.CHUNK));
        assertThat(concat(messages)).isEqualTo(content);
    }

    @Test
    void readFileAnswersARangeAndRefusesAnOffsetPastTheEnd() {
        Person me = user();
        byte[] content = text(100_000, 8);
        String id = uploadBytes(me, content);

        List<ReadFileResponse> messages = new ArrayList<>();
        as(me).readFile(ReadFileRequest.newBuilder().setFileId(id).setOffset(70_000).setLength(20_000).build())
                .forEachRemaining(messages::add);

        assertThat(concat(messages)).isEqualTo(java.util.Arrays.copyOfRange(content, 70_000, 90_000));
        assertThatThrownBy(() -> as(me).readFile(ReadFileRequest.newBuilder().setFileId(id).setOffset(100_000).build())
                .forEachRemaining(m -> { }))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE));
    }

    @Test
    void attachFilesCarriesTheTextOfFilesUploadedAsTextWithinTheCharactersAsked() {
        Person me = user();
        String first = uploadAsText(me, "first.md", "# First\n\nAlpha beta gamma.\n");
        String plain = upload(me, true).get("file_id").asString();
        String second = uploadAsText(me, "second.md", "# Second\n\nDelta epsilon.\n");

        List<FileMetadata> attached = as(me).attachFiles(AttachFilesRequest.newBuilder().addFileIds(first).addFileIds(plain)
                .addFileIds(second).setMaxTextChars(30).build()).getFilesList();

        assertThat(attached).extracting(FileMetadata::getFileId).containsExactly(first, plain, second);
        assertThat(attached.get(0).getText()).isEqualTo("# First\n\nAlpha beta gamma.\n");
        assertThat(attached.get(0).getTextLength()).isEqualTo(27);
        assertThat(attached.get(1).getText()).isEmpty();
        assertThat(attached.get(1).getTextLength()).as("not uploaded as text").isZero();
        assertThat(attached.get(2).getText()).as("what the first left of 30 characters").isEqualTo("# S");
        assertThat(attached.get(2).getTextLength()).isEqualTo(25);
    }

    @Test
    void getFilesSendsTextOnlyWhenAskedButAlwaysSaysHowLongItIs() {
        Person me = user();
        String doc = uploadAsText(me, "doc.md", "Some words to read.\n");

        FileMetadata withoutText = as(me).getFiles(GetFilesRequest.newBuilder().addFileIds(doc).build()).getFiles(0);
        FileMetadata withText = as(me).getFiles(GetFilesRequest.newBuilder().addFileIds(doc).setMaxTextChars(1_000).build())
                .getFiles(0);

        assertThat(withoutText.getText()).isEmpty();
        assertThat(withoutText.getTextLength()).isEqualTo(20);
        assertThat(withText.getText()).isEqualTo("Some words to read.\n");
    }

    @Test
    void anotherPersonsFileIsNotFoundAndNoTokenIsUnauthenticated() {
        String theirs = upload(user(), false).get("file_id").asString();

        assertThatThrownBy(() -> as(user()).readFile(ReadFileRequest.newBuilder().setFileId(theirs).build())
                .forEachRemaining(m -> { }))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> FilesGrpc.newBlockingStub(channel).withDeadlineAfter(3, TimeUnit.SECONDS)
                .getFiles(GetFilesRequest.newBuilder().addFileIds(theirs).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void storeFileKeepsAnAvatarReencodedAndRecordedForTheCaller() throws Exception {
        Person me = user();

        FileMetadata stored = store(me, header(StorePurpose.STORE_PURPOSE_AVATAR, "me.png", "image/png"), TestImages.png(400, 300),
                4096).get(10, TimeUnit.SECONDS);

        assertThat(stored.getContext()).isEqualTo("avatar");
        assertThat(stored.getType()).isEqualTo("image/png");
        assertThat(stored.getWidth()).isEqualTo(250);
        assertThat(stored.getFilepath()).startsWith("/images/" + me.id() + "/");
        assertThat(http.get("/api/files", me.auth()).json().findValuesAsString("file_id")).containsExactly(stored.getFileId());
    }

    @Test
    void storeFileKeepsAnAttachmentUnderTheEndpointsChecksAsATemporaryUpload() throws Exception {
        Person me = user();

        FileMetadata stored = store(me, header(StorePurpose.STORE_PURPOSE_ATTACHMENT, "notes.txt", "text/plain")
                .toBuilder().setEndpoint("openAI").build(), TEXT, 5).get(10, TimeUnit.SECONDS);

        assertThat(stored.getContext()).isEqualTo("message_attachment");
        assertThat(stored.getBytes()).isEqualTo(TEXT.length);
        assertThat(http.get("/api/files", me.auth()).json().get(0).has("expiresAt")).isTrue();
    }

    @Test
    void storeFileRefusesWhatAnUploadWouldAndStoresNothing() {
        Person me = user();
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0};

        assertThat(codeOf(store(me, header(StorePurpose.STORE_PURPOSE_AVATAR, "me.png", "image/png"), zip, 8)))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(codeOf(store(me, header(StorePurpose.STORE_PURPOSE_AVATAR, "big.png", "image/png"),
                new byte[200_000], 16_384))).as("over avatarSizeLimit").isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(codeOf(store(me, null, TEXT, 8))).as("no header first").isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(codeOf(store(me, header(StorePurpose.STORE_PURPOSE_UNSPECIFIED, "a.txt", "text/plain"), TEXT, 8)))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
    }

    private static StoreFileHeader header(StorePurpose purpose, String filename, String type) {
        return StoreFileHeader.newBuilder().setPurpose(purpose).setFilename(filename).setDeclaredType(type).build();
    }

    /** A StoreFile call: the header (unless null), then the content in chunks. */
    private CompletableFuture<FileMetadata> store(Person who, StoreFileHeader header, byte[] content, int chunk) {
        CompletableFuture<FileMetadata> answer = new CompletableFuture<>();
        StreamObserver<StoreFileRequest> requests = GrpcCalls.as(FilesGrpc.newStub(channel), who.token(), 10)
                .storeFile(new StreamObserver<>() {
                    @Override
                    public void onNext(StoreFileResponse response) {
                        answer.complete(response.getFile());
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        if (header != null) {
            requests.onNext(StoreFileRequest.newBuilder().setHeader(header).build());
        }
        for (int i = 0; i < content.length; i += chunk) {
            requests.onNext(StoreFileRequest.newBuilder()
                    .setData(ByteString.copyFrom(content, i, Math.min(chunk, content.length - i))).build());
        }
        requests.onCompleted();
        return answer;
    }

    private static Status.Code codeOf(CompletableFuture<FileMetadata> call) {
        try {
            call.get(10, TimeUnit.SECONDS);
            return Status.Code.OK;
        } catch (java.util.concurrent.ExecutionException e) {
            return Status.fromThrowable(e.getCause()).getCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private FilesGrpc.FilesBlockingStub as(Person who) {
        return GrpcCalls.as(FilesGrpc.newBlockingStub(channel), who.token(), 5);
    }

    private JsonNode upload(Person who, boolean messageFile) {
        var form = multipart.form().librechat("openAI").file("file", "notes.txt", "text/plain", TEXT);
        if (messageFile) {
            form.field("message_file", "true");
        }
        Http.Response uploaded = form.as(who).post("/api/files");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json();
    }

    /** LibreChat's "Upload as Text" of a Markdown document; its file_id. */
    private String uploadAsText(Person who, String filename, String markdown) {
        Http.Response uploaded = multipart.form().librechat("agents").field("message_file", "true")
                .field("tool_resource", "context").file("file", filename, "text/markdown",
                        markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8)).as(who).post("/api/files");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json().get("file_id").asString();
    }

    private String uploadBytes(Person who, byte[] content) {
        Http.Response uploaded = multipart.form().librechat("openAI")
                .file("file", "data.txt", "text/plain", content).as(who).post("/api/files");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.json().get("file_id").asString();
    }

    /** Plain text of random words, so the type check takes it. */
    private static byte[] text(int length, long seed) {
        Random random = new Random(seed);
        byte[] content = new byte[length];
        for (int i = 0; i < length; i++) {
            content[i] = (byte) (i % 80 == 79 ? '\n' : random.nextInt(5) == 0 ? ' ' : 'a' + random.nextInt(26));
        }
        return content;
    }

    private static byte[] concat(List<ReadFileResponse> messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        messages.forEach(m -> all.writeBytes(m.getData().toByteArray()));
        return all.toByteArray();
    }
}
