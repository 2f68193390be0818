package io.parley.file.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.springframework.core.io.InputStreamSource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;

/**
 * LibreChat's {@code azure_blob} strategy over the Azure SDK : block blobs in one
 * container, streamed up with their length, read back as streams; direct downloads are SAS URLs.
 */
final class AzureBlobFileStorage implements FileStorage {

    /** Blocks of 4 MB, two in flight: an upload is never held whole. */
    private static final ParallelTransferOptions BLOCKS = new ParallelTransferOptions()
            .setBlockSizeLong(4L * 1024 * 1024).setMaxSingleUploadSizeLong(4L * 1024 * 1024).setMaxConcurrency(2);

    private final BlobContainerClient container;
    private final AzureBlobProperties settings;

    AzureBlobFileStorage(AzureBlobProperties settings) {
        if (settings.connectionString().isBlank()) {
            throw new IllegalStateException("fileStrategy azure_blob needs AZURE_STORAGE_CONNECTION_STRING");
        }
        this.settings = settings;
        this.container = new BlobServiceClientBuilder().connectionString(settings.connectionString())
                .buildClient()
                .getBlobContainerClient(settings.containerName());
        container.createIfNotExists();
    }

    @Override
    public String source() {
        return "azure_blob";
    }

    @Override
    public long put(String key, InputStreamSource content, long length) throws IOException {
        try (InputStream in = content.getInputStream()) {
            // In 4 MB blocks: the SDK's defaults send up to 256 MB as one request, read whole into memory first.
            container.getBlobClient(key).uploadWithResponse(new BlobParallelUploadOptions(in, length)
                    .setParallelTransferOptions(BLOCKS), null, Context.NONE);
            return length;
        } catch (BlobStorageException e) {
            throw new IOException("Azure refused the upload (status " + e.getStatusCode() + ")", e);
        }
    }

    @Override
    public Resource open(String key) throws IOException {
        BlobClient blob = container.getBlobClient(key);
        try {
            BlobProperties properties = blob.getProperties();
            return new BlobResource(blob, properties.getBlobSize());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw new IOException("Azure could not be read (status " + e.getStatusCode() + ")", e);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        try {
            return container.getBlobClient(key).openInputStream(new BlobRange(offset, length), null);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new java.io.FileNotFoundException("Azure blob " + key);
            }
            throw new IOException("Azure could not be read (status " + e.getStatusCode() + ")", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            container.getBlobClient(key).deleteIfExists();
        } catch (BlobStorageException e) {
            throw new IOException("Azure refused the delete (status " + e.getStatusCode() + ")", e);
        }
    }

    @Override
    public URI directUrl(String key, String filename, String contentType) {
        BlobClient blob = container.getBlobClient(key);
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plus(settings.urlExpiry()), new BlobSasPermission().setReadPermission(true))
                .setContentDisposition(ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .setContentType(contentType);
        return URI.create(blob.getBlobUrl() + "?" + blob.generateSas(values));
    }

    /** A blob read on demand. */
    private static final class BlobResource extends RemoteObjectResource {
        private final BlobClient blob;

        BlobResource(BlobClient blob, long length) {
            super(length);
            this.blob = blob;
        }

        @Override
        public String getDescription() {
            return "Azure blob " + blob.getBlobName();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return blob.openInputStream();
            } catch (BlobStorageException e) {
                throw new IOException("Azure could not be read (status " + e.getStatusCode() + ")", e);
            }
        }
    }
}
