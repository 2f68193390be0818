package io.parley.file.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code azure_blob} strategy, bound from LibreChat's variables in application.yml.
 *
 * @param connectionString {@code AZURE_STORAGE_CONNECTION_STRING} (with an account key, so SAS URLs can be signed)
 * @param containerName    {@code AZURE_CONTAINER_NAME}, created when missing
 * @param urlExpiry        lifetime of SAS download URLs
 */
@ConfigurationProperties("parley.file.azure")
public record AzureBlobProperties(@DefaultValue("") String connectionString, @DefaultValue("files") String containerName,
                                  @DefaultValue("120s") Duration urlExpiry) {

    @Override
    public String toString() {
        // the connection string holds the account key
        return "AzureBlobProperties[containerName=" + containerName + "]";
    }
}
