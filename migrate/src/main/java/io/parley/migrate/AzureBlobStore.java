package io.parley.migrate;

import com.azure.core.exception.AzureException;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * LibreChat's {@code azure_blob} strategy: it writes the blob's URL into {@code filepath}
 * ({@code https://<account>.blob.core.windows.net/<container>/<images|uploads>/<user>/<name>}, percent-encoded,
 * on Azurite {@code http://host:port/<account>/<container>/…}). The blob name is read from a URL of the container
 * that {@code AZURE_STORAGE_CONNECTION_STRING} and {@code AZURE_CONTAINER_NAME} name, and read from there in
 * blocks.
 */
final class AzureBlobStore implements ObjectStore {

    static final String SETTINGS = "AZURE_STORAGE_CONNECTION_STRING (and AZURE_CONTAINER_NAME when it is not LibreChat's "
            + "default 'files'), as LibreChat has them";

    private final BlobContainerClient container;
    private final URI containerUrl;

    private AzureBlobStore(BlobContainerClient container) {
        this.container = container;
        this.containerUrl = URI.create(container.getBlobContainerUrl());
    }

    /** From LibreChat's variables; null when {@code AZURE_STORAGE_CONNECTION_STRING} is not set. */
    static @Nullable AzureBlobStore from(Map<String, String> env) {
        String connection = env.getOrDefault("AZURE_STORAGE_CONNECTION_STRING", "").strip();
        if (connection.isEmpty()) {
            return null;
        }
        String name = env.getOrDefault("AZURE_CONTAINER_NAME", "").isBlank() ? "files" : env.get("AZURE_CONTAINER_NAME").strip();
        try {
            return new AzureBlobStore(new BlobServiceClientBuilder().connectionString(connection).buildClient()
                    .getBlobContainerClient(name));
        } catch (IllegalArgumentException e) {
            // the SDK's message may quote the connection string, which holds the account key
            throw new MigrationStopped("AZURE_STORAGE_CONNECTION_STRING is not an Azure Storage connection string");
        }
    }

    @Override
    public FileBytes.Found locate(String filepath) {
        URI url = ObjectUrls.parse(filepath);
        String prefix = containerUrl.getRawPath().endsWith("/") ? containerUrl.getRawPath() : containerUrl.getRawPath() + "/";
        if (url == null || !ObjectUrls.origin(url).equals(ObjectUrls.origin(containerUrl))
                || !url.getRawPath().startsWith(prefix)) {
            return FileBytes.missing("its filepath points at " + (url == null ? "no blob URL" : url.getHost() + " " + shortPath(url))
                    + ", not into LibreChat's container " + container.getBlobContainerName()
                    + " (AZURE_STORAGE_CONNECTION_STRING, AZURE_CONTAINER_NAME): not read");
        }
        String name = ObjectUrls.decode(url.getRawPath().substring(prefix.length()));
        if (!ObjectUrls.plausibleKey(name)) {
            return FileBytes.missing("its filepath names no blob of the container " + container.getBlobContainerName());
        }
        BlobClient blob = container.getBlobClient(name);
        return FileBytes.found(() -> {
            try {
                BlobInputStream in = blob.openInputStream();
                return new StoredBytes.Opened(in.getProperties().getBlobSize(), in);
            } catch (BlobStorageException e) {
                throw new IOException(e.getStatusCode() == 404 ? "the blob " + name + " is not in the container "
                        + container.getBlobContainerName() : "Azure Blob refused " + name + " (status " + e.getStatusCode()
                        + ", " + e.getErrorCode() + ")");
            } catch (AzureException | UncheckedIOException e) {
                throw new IOException("Azure Blob cannot be reached: " + e.getMessage());
            }
        });
    }

    /** The container's part of a URL's path, never a signature. */
    private static String shortPath(URI url) {
        String[] segments = url.getRawPath().split("/");
        return segments.length > 2 ? "/" + segments[1] + "/" + segments[2] + "/…" : url.getRawPath();
    }
}
