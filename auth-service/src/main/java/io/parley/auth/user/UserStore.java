package io.parley.auth.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The users collection, reached from other features through {@link Users}. Every method takes the tenant. */
@Repository
class UserStore implements InitializingBean {

    private final MongoTemplate mongo;

    UserStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        // Before traffic: the embedded store fails on index creation concurrent with writes.
        mongo.indexOps(User.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("email", Sort.Direction.ASC).unique().named("tenant_email"));
        mongo.indexOps(User.class).createIndex(new Index().on("tenantId", Sort.Direction.ASC)
                .on("username", Sort.Direction.ASC).named("tenant_username"));
    }

    /** @return false when the tenant already has a user with this e-mail (nothing is written) */
    boolean insert(User user) {
        try {
            mongo.insert(user);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<User> byEmail(String tenantId, String email) {
        return Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("tenantId").is(tenantId).and("email").is(email)), User.class));
    }

    Optional<User> byId(String tenantId, String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)), User.class));
    }

    List<User> byIds(String tenantId, Collection<String> ids) {
        List<ObjectId> objectIds = ids.stream().filter(ObjectId::isValid).map(ObjectId::new).toList();
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId).and("_id").in(objectIds)), User.class);
    }

    /** Exact e-mail, or a case-insensitive prefix of name, username or e-mail. */
    List<User> search(String tenantId, String text, int limit) {
        String prefix = "^" + Pattern.quote(text);
        Query query = Query.query(Criteria.where("tenantId").is(tenantId).orOperator(
                Criteria.where("email").is(text.toLowerCase()),
                Criteria.where("name").regex(prefix, "i"),
                Criteria.where("username").regex(prefix, "i"),
                Criteria.where("email").regex(prefix, "i")));
        return mongo.find(query.limit(limit).with(Sort.by("name")), User.class);
    }

    /**
     * One page of the tenant's users in id (creation) order, after {@code afterId} when not null;
     * {@code prefix}, when not null, is a literal case-insensitive prefix of name, username or e-mail.
     */
    List<User> page(String tenantId, String prefix, ObjectId afterId, int limit) {
        List<Criteria> and = new ArrayList<>();
        if (prefix != null) {
            // Inside $and: the embedded store would otherwise try an index that cannot answer a $regex.
            String regex = "^" + Pattern.quote(prefix);
            and.add(new Criteria().orOperator(Criteria.where("name").regex(regex, "i"),
                    Criteria.where("username").regex(regex, "i"), Criteria.where("email").regex(regex, "i")));
        }
        if (afterId != null) {
            and.add(Criteria.where("_id").gt(afterId));
        }
        Criteria criteria = Criteria.where("tenantId").is(tenantId);
        if (!and.isEmpty()) {
            criteria = criteria.andOperator(and);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), User.class);
    }

    long countWithRole(String tenantId, String role) {
        return mongo.count(Query.query(Criteria.where("tenantId").is(tenantId).and("role").is(role)), User.class);
    }

    boolean hasAny(String tenantId) {
        return mongo.exists(Query.query(Criteria.where("tenantId").is(tenantId)), User.class);
    }

    void replacePasswordHash(String tenantId, ObjectId id, String hash) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("tenantId").is(tenantId)),
                new Update().set("password", hash).set("updatedAt", Instant.now()), User.class);
    }

    /**
     * Marks the address verified, if the user still has it.
     *
     * @return false when the tenant has no user with this id and e-mail
     */
    boolean markEmailVerified(String tenantId, String id, String email) {
        if (!ObjectId.isValid(id)) {
            return false;
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)
                        .and("email").is(email)),
                new Update().set("emailVerified", true).set("updatedAt", Instant.now()), User.class).getMatchedCount() == 1;
    }

    /**
     * The one place a user's role changes after registration.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     */
    Optional<User> assignRole(String tenantId, String id, String role) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findAndModify(
                Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)),
                new Update().set("role", role).set("updatedAt", Instant.now()),
                FindAndModifyOptions.options().returnNew(true), User.class));
    }

    /** Removes the user (account deletion); false when the tenant has no such user (any more). */
    boolean delete(String tenantId, String id) {
        return ObjectId.isValid(id) && mongo.remove(Query.query(Criteria.where("_id").is(new ObjectId(id))
                .and("tenantId").is(tenantId)), User.class).getDeletedCount() > 0;
    }

    /** Whether another user of the tenant than {@code exceptId} (null: any user) has this (lower-case) username. */
    boolean usernameTaken(String tenantId, String username, ObjectId exceptId) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId).and("username").is(username);
        return mongo.exists(Query.query(exceptId == null ? criteria : criteria.and("_id").ne(exceptId)), User.class);
    }

    /** One update over the tenant's users who had accepted. */
    long resetTerms(String tenantId) {
        return mongo.updateMulti(Query.query(Criteria.where("tenantId").is(tenantId).and("termsAccepted").is(true)),
                new Update().set("termsAccepted", false).set("updatedAt", Instant.now()), User.class).getModifiedCount();
    }

    /**
     * Sets the given profile fields (a null leaves one as it is) in one update.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     */
    Optional<User> updateProfile(String tenantId, String id, String name, String username) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        Update update = new Update().set("updatedAt", Instant.now());
        if (name != null) {
            update.set("name", name);
        }
        if (username != null) {
            update.set("username", username);
        }
        return Optional.ofNullable(mongo.findAndModify(
                Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)),
                update, FindAndModifyOptions.options().returnNew(true), User.class));
    }

    /**
     * Replaces name, username and e-mail with a directory's current values, in one update.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     * @throws DuplicateKeyException when another user of the tenant has the e-mail
     */
    Optional<User> replaceDirectoryProfile(String tenantId, ObjectId id, String name, String username, String email) {
        return Optional.ofNullable(mongo.findAndModify(
                Query.query(Criteria.where("_id").is(id).and("tenantId").is(tenantId)),
                new Update().set("name", name).set("username", username).set("email", email).set("updatedAt", Instant.now()),
                FindAndModifyOptions.options().returnNew(true), User.class));
    }

    /** Sets (or with null removes) the avatar URL; empty when the tenant has no user with this id. */
    Optional<User> setAvatar(String tenantId, String id, String url) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        Update update = new Update().set("updatedAt", Instant.now());
        if (url == null) {
            update.unset("avatar");
        } else {
            update.set("avatar", url);
        }
        return Optional.ofNullable(mongo.findAndModify(
                Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)),
                update, FindAndModifyOptions.options().returnNew(true), User.class));
    }

    /**
     * Replaces the avatar URL only while it is still {@code expected}: a picture the person chose
     * meanwhile is never overwritten.
     *
     * @return whether it was replaced
     */
    boolean replaceAvatar(String tenantId, String id, String expected, String url) {
        if (!ObjectId.isValid(id)) {
            return false;
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)
                        .and("avatar").is(expected)),
                new Update().set("avatar", url).set("updatedAt", Instant.now()), User.class).getModifiedCount() > 0;
    }

    /**
     * Records that the person accepted the terms (LibreChat's {@code termsAccepted}); accepting again
     * changes nothing but {@code updatedAt}.
     *
     * @return false when the tenant has no user with this id
     */
    boolean acceptTerms(String tenantId, String id) {
        return ObjectId.isValid(id) && mongo.updateFirst(
                Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)),
                new Update().set("termsAccepted", true).set("updatedAt", Instant.now()), User.class).getMatchedCount() == 1;
    }

    /**
     * Replaces the person's favorites as a whole, in one update.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     */
    Optional<User> replaceFavorites(String tenantId, String id, List<Favorite> favorites) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findAndModify(
                Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)),
                new Update().set("favorites", favorites).set("updatedAt", Instant.now()),
                FindAndModifyOptions.options().returnNew(true), User.class));
    }

    /**
     * Turns the person's memories on or off ({@code personalization.memories}, LibreChat's field), leaving
     * any other personalization as it is.
     *
     * @return the user after the change; empty when the tenant has no user with this id
     */
    Optional<User> setMemoriesEnabled(String tenantId, String id, boolean enabled) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findAndModify(
                Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)),
                new Update().set("personalization.memories", enabled).set("updatedAt", Instant.now()),
                FindAndModifyOptions.options().returnNew(true), User.class));
    }

    /** Sets the {@code twoFactorEnabled} flag, which follows the user's 2FA record (the 2FA feature decides). */
    void setTwoFactorEnabled(String tenantId, String id, boolean enabled) {
        if (ObjectId.isValid(id)) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(id)).and("tenantId").is(tenantId)),
                    new Update().set("twoFactorEnabled", enabled).set("updatedAt", Instant.now()), User.class);
        }
    }
}
