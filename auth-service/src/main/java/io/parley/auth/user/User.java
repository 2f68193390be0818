package io.parley.auth.user;

import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person of one tenant. Field names follow LibreChat's user schema so that its data can be
 * imported; {@code email} is stored lower-case and is unique within the tenant. {@code plugins},
 * {@code favorites} and {@code personalization} may be null (imported documents, or ones written before the
 * field existed).
 */
@Document("users")
public record User(@Id ObjectId id, String tenantId, String name, String username, String email,
                   boolean emailVerified, String password, String avatar, String provider, String role,
                   List<String> plugins, boolean twoFactorEnabled, boolean termsAccepted,
                   List<Favorite> favorites, Instant createdAt, Instant updatedAt,
                   @Nullable Personalization personalization) {

    public static final String ADMIN = "ADMIN";
    public static final String USER = "USER";

    /** A new account: no personalization yet, so LibreChat's defaults apply. */
    public User(ObjectId id, String tenantId, String name, String username, String email, boolean emailVerified,
                String password, String avatar, String provider, String role, List<String> plugins,
                boolean twoFactorEnabled, boolean termsAccepted, List<Favorite> favorites, Instant createdAt,
                Instant updatedAt) {
        this(id, tenantId, name, username, email, emailVerified, password, avatar, provider, role, plugins,
                twoFactorEnabled, termsAccepted, favorites, createdAt, updatedAt, null);
    }

    /** Whether chats may use the person's memories: LibreChat's default (on) until they turn it off. */
    public boolean memoriesEnabled() {
        return personalization == null || personalization.memoriesEnabled();
    }

    public String idString() {
        return id.toHexString();
    }

    /** How an admin recognises the person in lists and the audit log: the user name, else the e-mail. */
    public String handle() {
        return username != null && !username.isBlank() ? username : email;
    }
}
