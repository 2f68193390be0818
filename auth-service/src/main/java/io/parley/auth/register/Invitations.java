package io.parley.auth.register;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Invitations to register (LibreChat's {@code invite-user}): a single-use token bound to one address,
 * which opens registration for it while {@code ALLOW_REGISTRATION} is off. Mailing the link is the
 * e-mail feature's; this one issues and checks tokens.
 */
@Component
public class Invitations {

    /** LibreChat's invitation lifetime (604800 s). */
    public static final Duration LIFETIME = Duration.ofDays(7);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final InvitationStore store;

    Invitations(InvitationStore store) {
        this.store = store;
    }

    /**
     * A new invitation for {@code email}; earlier ones for it stop working.
     *
     * @return the token, to be put in the link; only its hash is kept
     */
    public String issue(String tenantId, String email) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        store.replace(tenantId, email.toLowerCase(Locale.ROOT), token, LIFETIME);
        return token;
    }

    /** Uses the invitation up if it is this address's, unused and unexpired. */
    boolean accept(String tenantId, String token, String email) {
        return store.use(tenantId, token, email.toLowerCase(Locale.ROOT));
    }
}
