package io.parley.auth.email;

/**
 * One mail to one person, as plain text with an HTML alternative.
 *
 * @param to     the recipient's address
 * @param toName the recipient's display name (may be blank)
 */
record MailMessage(String to, String toName, String subject, String text, String html) {

    /** No content: the text carries links with tokens in them. */
    @Override
    public String toString() {
        return "MailMessage[subject=" + subject + "]";
    }
}
