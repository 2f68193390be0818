package io.parley.auth.email;

/**
 * A delivery failed. The message says what went wrong without the mail's content or addresses (a
 * server's rejection can quote both), so it can be logged.
 */
class MailNotSent extends RuntimeException {

    MailNotSent(String message) {
        super(message, null, false, false);
    }

    /** The chain of exception types behind a failure, e.g. {@code MailSendException <- ConnectException}. */
    static MailNotSent because(Throwable cause) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = cause; t != null && chain.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            chain.append(t.getClass().getSimpleName());
        }
        return new MailNotSent(chain.toString());
    }
}
