package io.parley.auth.email;

import org.springframework.stereotype.Component;

/** The reset and verification links sent to a person, as account deletion sees them. */
@Component
public class EmailLinks {

    private final AccountTokenStore tokens;

    EmailLinks(AccountTokenStore tokens) {
        this.tokens = tokens;
    }

    /** Account deletion: the person's reset and verification links stop working. */
    public long deleteAllOf(String tenantId, String userId) {
        return tokens.deleteAllOf(tenantId, userId);
    }
}
