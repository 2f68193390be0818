package io.parley.auth.user;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * People, as other features see them: finding users, registering one, and the changes each feature owns
 * (password, verified e-mail, role, terms, favorites, memories, two-factor flag, a provider's picture,
 * a directory's profile, deletion). The users collection behind it is this feature's own. Every method
 * takes the tenant; nothing reads across tenants.
 */
@Component
public class Users {

    private final UserStore store;

    Users(UserStore store) {
        this.store = store;
    }

    /** @return false when the tenant already has a user with this e-mail (nothing is written) */
    public boolean insert(User user) {
        return store.insert(user);
    }

    public Optional<User> byEmail(String tenantId, String email) {
        return store.byEmail(tenantId, email);
    }

    public Optional<User> byId(String tenantId, String id) {
        return store.byId(tenantId, id);
    }

    public List<User> byIds(String tenantId, Collection<String> ids) {
        return store.byIds(tenantId, ids);
    }

    /** Exact e-mail, or a case-insensitive prefix of name, username or e-mail. */
    public List<User> search(String tenantId, String text, int limit) {
        return store.search(tenantId, text, limit);
    }

    /**
     * One page of the tenant's users in id (creation) order, after {@code afterId} when not null;
     * {@code prefix}, when not null, is a literal case-insensitive prefix of name, username or e-mail.
     */
    public List<User> page(String tenantId, String prefix, ObjectId afterId, int limit) {
        return store.page(tenantId, prefix, afterId, limit);
    }

    /** Whether a user of the tenant has this (lower-case) username. */
    public boolean usernameTaken(String tenantId, String username) {
        return store.usernameTaken(tenantId, username, null);
    }

    /**
     * Sets {@code termsAccepted} false for every user of the tenant (LibreChat's {@code reset-terms}), so
     * that each is asked again.
     *
     * @return how many users changed
     */
    public long resetTerms(String tenantId) {
        return store.resetTerms(tenantId);
    }

    public long countWithRole(String tenantId, String role) {
        return store.countWithRole(tenantId, role);
    }

    public boolean hasAny(String tenantId) {
        return store.hasAny(tenantId);
    }

    public void replacePasswordHash(String tenantId, ObjectId id, String hash) {
        store.replacePasswordHash(tenantId, id, hash);
    }

    /**
     * Marks the address verified, if the user still has it.
     *
     * @return false when the tenant has no user with this id and e-mail
     */
    public boolean markEmailVerified(String tenantId, String id, String email) {
        return store.markEmailVerified(tenantId, id, email);
    }

    /**
     * The one place a user's role changes after registration.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     */
    public Optional<User> assignRole(String tenantId, String id, String role) {
        return store.assignRole(tenantId, id, role);
    }

    /** Removes the user (account deletion); false when the tenant has no such user (any more). */
    public boolean delete(String tenantId, String id) {
        return store.delete(tenantId, id);
    }

    /**
     * Replaces name, username and e-mail with a directory's current values, in one update.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     * @throws org.springframework.dao.DuplicateKeyException when another user of the tenant has the e-mail
     */
    public Optional<User> replaceDirectoryProfile(String tenantId, ObjectId id, String name, String username, String email) {
        return store.replaceDirectoryProfile(tenantId, id, name, username, email);
    }

    /**
     * Replaces the avatar URL only while it is still {@code expected}: a picture the person chose
     * meanwhile is never overwritten.
     *
     * @return whether it was replaced
     */
    public boolean replaceAvatar(String tenantId, String id, String expected, String url) {
        return store.replaceAvatar(tenantId, id, expected, url);
    }

    /**
     * Records that the person accepted the terms (LibreChat's {@code termsAccepted}); accepting again
     * changes nothing but {@code updatedAt}.
     *
     * @return false when the tenant has no user with this id
     */
    public boolean acceptTerms(String tenantId, String id) {
        return store.acceptTerms(tenantId, id);
    }

    /**
     * Replaces the person's favorites as a whole, in one update.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     */
    public Optional<User> replaceFavorites(String tenantId, String id, List<Favorite> favorites) {
        return store.replaceFavorites(tenantId, id, favorites);
    }

    /**
     * Turns the person's memories on or off ({@code personalization.memories}, LibreChat's field), leaving
     * any other personalization as it is.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     */
    public Optional<User> setMemoriesEnabled(String tenantId, String id, boolean enabled) {
        return store.setMemoriesEnabled(tenantId, id, enabled);
    }

    /** Sets the {@code twoFactorEnabled} flag, which follows the user's 2FA record (the 2FA feature decides). */
    public void setTwoFactorEnabled(String tenantId, String id, boolean enabled) {
        store.setTwoFactorEnabled(tenantId, id, enabled);
    }
}
