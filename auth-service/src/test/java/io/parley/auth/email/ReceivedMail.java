package io.parley.auth.email;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test reads from a received mail: its decoded plain text and HTML, and the link in it. */
record ReceivedMail(String subject, String from, String to, String text, String html) {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    static ReceivedMail of(MimeMessage message) {
        try {
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            collect(message, text, html);
            return new ReceivedMail(message.getSubject(), message.getHeader("From", ","), message.getHeader("To", ","),
                    text.toString(), html.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws Exception {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, html);
            }
        }
    }

    /** The one link of the plain text. */
    String link() {
        Matcher matcher = LINK.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("No link in the mail: " + text);
        }
        return matcher.group();
    }

    /** A query parameter of {@link #link()}, as the web client reads it (percent-decoded). */
    String linkParameter(String name) {
        java.net.URI uri = java.net.URI.create(link());
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("No " + name + " in " + link());
    }
}
