package io.parley.auth.account;

import org.springframework.stereotype.Component;

/** Account deletion as other features ask for it: an admin deleting a person of the tenant. */
@Component
public class Accounts {

    private final AccountDeletion deletion;

    Accounts(AccountDeletion deletion) {
        this.deletion = deletion;
    }

    /**
     * Deletes the account with every service's data (the same fan-out as a person deleting their own),
     * whatever {@code ALLOW_ACCOUNT_DELETION} says. The caller checks that the account is the tenant's.
     *
     * @throws io.parley.common.error.ApiException.Unavailable when the deletion event could not be published
     *                                                        (with Redis, nothing was deleted)
     */
    public void delete(String tenantId, String userId) {
        deletion.delete(tenantId, userId);
    }
}
