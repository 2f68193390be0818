package io.parley.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.google.cloud.NoCredentials;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.parley.common.test.Azurite;
import io.parley.common.test.FirebaseStorageEmulator;
import io.parley.common.test.S3rver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Files LibreChat kept in S3 (and behind CloudFront), Azure Blob and Firebase Storage, migrated from real servers
 * of each kind (s3rver, Azurite and the Firebase Storage emulator from npm) with LibreChat's own variables: the
 * {@code filepath} written as LibreChat writes it (a presigned URL, the blob's URL, Firebase's download URL), the
 * bytes that reach file-service compared with the stored ones. URLs of another bucket, and sources whose variables
 * are not set, are skipped with the reason.
 */
class LibreChatStorageMigrationTest {

    private static final String AZURE_CONTAINER = "librechat-files";
    private static final Random RANDOM = new Random(7);

    private static Path data;
    private static S3rver s3;
    private static Azurite azurite;
    private static FirebaseStorageEmulator firebase;
    private static S3Client s3Client;
    private static S3Presigner presigner;
    private static BlobContainerClient container;
    private static Storage gcs;

    private LibreChatFixture librechat;
    private FakeParley parley;
    private final ObjectId owner = new ObjectId();

    @BeforeAll
    static void startStores() throws IOException, InterruptedException {
        data = Files.createTempDirectory("librechat-stores");
        s3 = S3rver.start(Files.createDirectories(data.resolve("s3")));
        azurite = Azurite.start(Files.createDirectories(data.resolve("azurite")));
        firebase = FirebaseStorageEmulator.start(Files.createDirectories(data.resolve("firebase")));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("S3RVER", "S3RVER"));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        // LibreChat's uploads as S3 stores them: the body as it is, not in the aws-chunked frames the SDK signs
        // over plain HTTP, which s3rver would keep verbatim
        S3AuthSchemeProvider defaults = S3AuthSchemeProvider.defaultProvider();
        s3Client = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create(s3.endpoint())).serviceConfiguration(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .authSchemeProvider(params -> defaults.resolveAuthScheme(params).stream()
                        .map(option -> option.toBuilder()
                                .putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                                .putSignerProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false).build())
                        .toList())
                .build();
        presigner = S3Presigner.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create(s3.endpoint())).serviceConfiguration(pathStyle).build();
        container = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getBlobContainerClient(AZURE_CONTAINER);
        container.createIfNotExists();
        gcs = StorageOptions.http().setHost("http://" + firebase.host()).setProjectId("demo-parley")
                .setCredentials(NoCredentials.getInstance()).build().getService();
    }

    @AfterAll
    static void stopStores() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {s3Client, presigner, gcs, s3, azurite, firebase}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @BeforeEach
    void start() throws IOException {
        librechat = new LibreChatFixture();
        librechat.db.getCollection("users").insertOne(new Document("_id", owner).append("email", "ada@example.com")
                .append("provider", "local"));
        parley = new FakeParley();
    }

    @AfterEach
    void stop() throws IOException {
        parley.close();
        librechat.close();
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A {@code files} document as LibreChat's strategies write it; its file_id. */
    private String file(String source, String filepath, String filename) {
        String fileId = UUID.randomUUID().toString();
        librechat.db.getCollection("files").insertOne(new Document("user", owner).append("file_id", fileId)
                .append("filename", filename).append("filepath", filepath).append("source", source)
                .append("type", "application/octet-stream"));
        return fileId;
    }

    private String key(String base, String fileId, String name) {
        return base + "/" + owner.toHexString() + "/" + fileId + "__" + name;
    }

    /** LibreChat's uploadFileToS3: the object under images|uploads/<user>/<file_id>__<name>, a presigned GetObject URL. */
    private Map.Entry<String, String> inS3(byte[] content, String name) {
        String fileId = UUID.randomUUID().toString();
        String key = key("uploads", fileId, name);
        s3Client.putObject(b -> b.bucket(S3rver.BUCKET).key(key), RequestBody.fromBytes(content));
        String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(2))
                .getObjectRequest(g -> g.bucket(S3rver.BUCKET).key(key))).url().toString();
        return Map.entry(fileId, url);
    }

    private Map<String, String> environment(boolean stores) {
        Map<String, String> env = new HashMap<>(parley.environment());
        env.put("PARLEY_ADMIN_TOKEN", FakeParley.token("acme", "ADMIN", 600));
        if (stores) {
            env.putAll(Map.of("AWS_ACCESS_KEY_ID", "S3RVER", "AWS_SECRET_ACCESS_KEY", "S3RVER", "AWS_REGION", "us-east-1",
                    "AWS_BUCKET_NAME", S3rver.BUCKET, "AWS_ENDPOINT_URL", s3.endpoint(), "AWS_FORCE_PATH_STYLE", "true",
                    "AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString(), "AZURE_CONTAINER_NAME", AZURE_CONTAINER,
                    "FIREBASE_STORAGE_BUCKET", FirebaseStorageEmulator.BUCKET,
                    "FIREBASE_STORAGE_EMULATOR_HOST", firebase.host()));
        }
        return env;
    }

    private MigrateLibreChatTest.Run run(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MigrateLibreChat.run(new String[] {"--from", librechat.uri}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new MigrateLibreChatTest.Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFileInS3ArrivesWithTheBytesItsPresignedUrlNames() {
        byte[] content = bytes(3 * (1 << 20) + 17);
        Map.Entry<String, String> object = inS3(content, "report 2024 (final).pdf");
        String fileId = file("s3", object.getValue(), "report 2024 (final).pdf");

        MigrateLibreChatTest.Run run = run(environment(true));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(parley.bytes.get(fileId)).isEqualTo(content);
    }

    @Test
    void aFileBehindCloudFrontIsReadFromItsS3Bucket() {
        byte[] content = bytes(70_000);
        String fileId = UUID.randomUUID().toString();
        String key = key("images", fileId, "cat.png");
        s3Client.putObject(b -> b.bucket(S3rver.BUCKET).key(key), RequestBody.fromBytes(content));
        file("cloudfront", "https://d111111abcdef8.cloudfront.net/" + key, "cat.png");
        String elsewhere = file("cloudfront", "https://d111111abcdef8.cloudfront.net/images/" + new ObjectId().toHexString()
                + "/x.png", "x.png");

        MigrateLibreChatTest.Run run = run(environment(true));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(parley.bytes.values()).anySatisfy(arrived -> assertThat(arrived).isEqualTo(content));
        assertThat(parley.bytes).doesNotContainKey(elsewhere);
        assertThat(run.out()).contains("its CloudFront filepath does not lead into its owner's folder: not read");
    }

    @Test
    void aFileInAzureBlobArrivesWithTheBytesOfItsBlob() {
        byte[] content = bytes(5 * (1 << 20) + 3);
        String fileId = UUID.randomUUID().toString();
        var blob = container.getBlobClient(key("uploads", fileId, "notes ü.txt"));
        blob.upload(new java.io.ByteArrayInputStream(content), content.length, true);
        String migrated = file("azure_blob", blob.getBlobUrl(), "notes ü.txt");

        MigrateLibreChatTest.Run run = run(environment(true));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(parley.bytes.get(migrated)).isEqualTo(content);
    }

    @Test
    void aFileInFirebaseArrivesWithTheBytesItsDownloadUrlNames() throws IOException {
        byte[] content = bytes(2 * (1 << 20) + 5);
        String fileId = UUID.randomUUID().toString();
        String name = key("images", fileId, "photo one.jpg");
        try (WriteChannel upload = gcs.writer(BlobInfo.newBuilder(BlobId.of(FirebaseStorageEmulator.BUCKET, name))
                .setContentType("image/jpeg").build())) {
            upload.write(ByteBuffer.wrap(content));
        }
        // Firebase's getDownloadURL: the whole object name encoded, a download token
        String url = "http://" + firebase.host() + "/v0/b/" + FirebaseStorageEmulator.BUCKET + "/o/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "?alt=media&token=" + UUID.randomUUID();
        String migrated = file("firebase", url, "photo one.jpg");

        MigrateLibreChatTest.Run run = run(environment(true));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(parley.bytes.get(migrated)).isEqualTo(content);
    }

    @Test
    void urlsOfAnotherBucketOrHostAreSkippedWithTheReasonAndNeverFetched() {
        String key = key("uploads", UUID.randomUUID().toString(), "a.txt");
        s3Client.putObject(b -> b.bucket(S3rver.BUCKET).key(key), RequestBody.fromBytes(bytes(10)));
        List<String> skipped = List.of(
                file("s3", "https://other-bucket.s3.us-east-1.amazonaws.com/" + key + "?X-Amz-Signature=x", "a.txt"),
                file("s3", "http://169.254.169.254/latest/meta-data/" + key, "a.txt"),
                file("azure_blob", "https://evil.blob.core.windows.net/" + AZURE_CONTAINER + "/" + key, "a.txt"),
                file("firebase", "https://firebasestorage.googleapis.com/v0/b/another.appspot.com/o/a.txt?alt=media", "a.txt"),
                file("s3", s3.endpoint() + "/" + S3rver.BUCKET + "/uploads/..%2F..%2Fsecret", "a.txt"));

        MigrateLibreChatTest.Run run = run(environment(true));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(parley.bytes).doesNotContainKeys(skipped.toArray(String[]::new));
        assertThat(run.out()).contains("its filepath points at other-bucket.s3.us-east-1.amazonaws.com/uploads/…, not at "
                        + "LibreChat's bucket " + S3rver.BUCKET)
                .contains("its filepath points at 169.254.169.254")
                .contains("its filepath points at evil.blob.core.windows.net")
                .contains("not into LibreChat's container " + AZURE_CONTAINER)
                .contains("its filepath points at firebasestorage.googleapis.com, not into LibreChat's bucket")
                .contains("its filepath names no object of the bucket")
                .doesNotContain("X-Amz-Signature");
    }

    @Test
    void aSourceWhoseVariablesAreNotSetIsSkippedWithTheVariablesToSet() {
        Map.Entry<String, String> object = inS3(bytes(10), "a.txt");
        file("s3", object.getValue(), "a.txt");
        file("cloudfront", "https://d111111abcdef8.cloudfront.net/" + key("images", "x", "y.png"), "y.png");
        file("azure_blob", "https://acct.blob.core.windows.net/files/uploads/x/y", "y");
        file("firebase", "https://firebasestorage.googleapis.com/v0/b/b/o/y?alt=media", "y");

        MigrateLibreChatTest.Run run = run(environment(false));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(parley.bytes).isEmpty();
        assertThat(run.out()).contains("its bytes are in LibreChat's s3 storage, which is not set up here: set AWS_BUCKET_NAME")
                .contains("LibreChat's S3 behind CloudFront storage, which is not set up here: set AWS_BUCKET_NAME")
                .contains("LibreChat's Azure Blob storage, which is not set up here: set AZURE_STORAGE_CONNECTION_STRING")
                .contains("LibreChat's Firebase storage, which is not set up here: set FIREBASE_STORAGE_BUCKET");
    }

    @Test
    void anObjectThatIsGoneIsSkippedAndTheRunGoesOn() {
        String fileId = UUID.randomUUID().toString();
        String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(2))
                .getObjectRequest(g -> g.bucket(S3rver.BUCKET).key(key("uploads", fileId, "gone.txt")))).url().toString();
        file("s3", url, "gone.txt");
        Map.Entry<String, String> present = inS3(bytes(100), "here.txt");
        String here = file("s3", present.getValue(), "here.txt");

        MigrateLibreChatTest.Run run = run(environment(true));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(parley.bytes).containsOnlyKeys(here);
        assertThat(run.out()).contains("its bytes could not be read: the object uploads/" + owner.toHexString() + "/"
                + fileId + "__gone.txt is not in the bucket " + S3rver.BUCKET);
    }
}
