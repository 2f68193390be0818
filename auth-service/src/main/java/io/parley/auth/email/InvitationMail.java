package io.parley.auth.email;

import io.parley.auth.register.Invitations;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Sends an invitation (LibreChat's {@code invite-user}): a registration link for one address, valid for
 * {@link Invitations#LIFETIME}. With e-mail configured the link is mailed; without, it is answered, for
 * the admin to pass on, as LibreChat's script prints it.
 */
@Component
public class InvitationMail {

    private final Invitations invitations;
    private final Outbox outbox;
    private final AccountMails mails;

    InvitationMail(Invitations invitations, Outbox outbox, AccountMails mails) {
        this.invitations = invitations;
        this.outbox = outbox;
        this.mails = mails;
    }

    /**
     * @param email a valid address without an account in the tenant (the caller checks)
     * @return the link when e-mail is not configured; empty when it was queued for mailing
     */
    public Optional<String> invite(String tenantId, String email) {
        String link = mails.inviteLink(tenantId, invitations.issue(tenantId, email));
        if (!outbox.configured()) {
            return Optional.of(link);
        }
        outbox.send("invite", tenantId, null, () -> mails.invite(email, link));
        return Optional.empty();
    }
}
