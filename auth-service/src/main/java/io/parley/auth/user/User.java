package io.parley.auth.user;

import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person of one tenant. Field names follow LibreChat's user schema so that its data can be
 * imported; {@code email} is stored lower-case and is unique within the tenant. {@code plugins} and
 * {@code favorites} may be null (imported documents, or ones written before the field existed).
 */
@Document("users")
public record User(@Id ObjectId id, String tenantId, String name, String username, String email,
                   boolean emailVerified, String password, String avatar, String provider, String role,
                   List<String> plugins, boolean twoFactorEnabled, boolean termsAccepted,
                   List<Favorite> favorites, Instant createdAt, Instant updatedAt) {

    public static final String ADMIN = "ADMIN";
    public static final String USER = "USER";

    public String idString() {
        return id.toHexString();
    }
}
