package io.parley.chat.key;

import static io.parley.common.imports.SourceFields.objectId;
import static io.parley.common.imports.SourceFields.requiredHexId;
import static io.parley.common.imports.SourceFields.requiredText;

import io.parley.common.imports.DocumentImporter;
import io.parley.common.imports.ImportSkipped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LibreChat's {@code keys}: a person's own API key for a {@code user_provided} endpoint, one per person and
 * endpoint. LibreChat seals the value with its {@code CREDS_KEY}, which this service does not have: the migration
 * opens it with LibreChat's {@code CREDS_KEY} and {@code CREDS_IV} and sends it in {@value #DECRYPTED}, and this
 * service seals it with its own key, bound to the tenant, person and endpoint, as a key saved through
 * {@code /api/keys}. A document without it (still sealed), or with an expiry that has passed, is skipped; a key the
 * person has already set in Parley is present and stays.
 */
@Component
class UserKeyImport extends DocumentImporter {

    /** The opened value the migration sends instead of LibreChat's sealed {@code value}. */
    static final String DECRYPTED = "decryptedValue";

    private final UserKeyCipher cipher;
    private final Clock clock;

    @Autowired
    UserKeyImport(MongoTemplate mongo, UserKeyCipher cipher) {
        this(mongo, cipher, Clock.systemUTC());
    }

    UserKeyImport(MongoTemplate mongo, UserKeyCipher cipher, Clock clock) {
        super(mongo, UserKeyStore.COLLECTION, "user", "name");
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public String collection() {
        return "keys";
    }

    @Override
    public Mapped<Document> map(String tenantId, Document source) {
        String user = requiredHexId(source, "userId");
        String name = requiredText(source, "name");
        if (name.isBlank() || name.length() > UserKeys.MAX_NAME) {
            throw new ImportSkipped("its endpoint name is blank or longer than " + UserKeys.MAX_NAME + " characters");
        }
        if (!(source.get(DECRYPTED) instanceof String value)) {
            throw new ImportSkipped("its value is sealed with LibreChat's CREDS_KEY: run the migration with LibreChat's "
                    + "CREDS_KEY and CREDS_IV to carry it");
        }
        if (value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > UserKeys.MAX_VALUE_BYTES) {
            throw new ImportSkipped("its value is empty or longer than " + UserKeys.MAX_VALUE_BYTES + " bytes");
        }
        Instant now = clock.instant();
        Date expiresAt = source.get("expiresAt") instanceof Date date ? date : null;
        if (expiresAt != null && !expiresAt.toInstant().isAfter(now)) {
            throw new ImportSkipped("it expired at " + UserKeys.iso(expiresAt.toInstant()));
        }
        Date created = source.get("createdAt") instanceof Date date ? date : Date.from(now);
        Document stored = new Document("_id", objectId(source)).append("tenantId", tenantId).append("user", user)
                .append("name", name).append("value", new Binary(cipher.seal(value, tenantId, user, name)))
                .append("createdAt", created)
                .append("updatedAt", source.get("updatedAt") instanceof Date date ? date : created);
        if (expiresAt != null) {
            stored.append("expiresAt", expiresAt);
        }
        return mapped(stored, List.of());
    }
}
