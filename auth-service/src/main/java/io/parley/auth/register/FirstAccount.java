package io.parley.auth.register;

import io.parley.auth.user.User;
import io.parley.auth.user.UserStore;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The role of a new account, however it is made (registration, social sign-in): the first account of
 * a tenant becomes its ADMIN, every later one a USER.
 */
@Component
public class FirstAccount {

    private final UserStore users;
    private final MongoTemplate mongo;

    FirstAccount(UserStore users, MongoTemplate mongo) {
        this.users = users;
        this.mongo = mongo;
    }

    /** A tenant's first account; its unique id makes "first" race-free without a transaction. */
    record TenantFounder(String id, String userId, Instant createdAt) {
    }

    /** @return {@link User#ADMIN} when {@code userId} is the tenant's first account, else {@link User#USER} */
    public String roleFor(String tenantId, ObjectId userId) {
        return claimsFirstAccount(tenantId, userId) ? User.ADMIN : User.USER;
    }

    private boolean claimsFirstAccount(String tenantId, ObjectId userId) {
        if (users.hasAny(tenantId)) {
            return false;
        }
        try {
            mongo.insert(new TenantFounder(tenantId, userId.toHexString(), Instant.now()), "tenant_founders");
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
