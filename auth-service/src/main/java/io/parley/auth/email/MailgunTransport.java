package io.parley.auth.email;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import jakarta.mail.internet.InternetAddress;

/**
 * Mailgun's HTTP API, which LibreChat prefers when {@code MAILGUN_API_KEY} and {@code MAILGUN_DOMAIN}
 * are set: {@code POST <MAILGUN_HOST>/v3/<domain>/messages} with the key as basic-auth password.
 * Click tracking is off, so the links with tokens reach the person unchanged.
 */
final class MailgunTransport implements MailTransport {

    private final URI endpoint;
    private final String authorization;
    private final String from;
    private final Duration timeout;
    private final HttpClient http;

    MailgunTransport(String host, String domain, String apiKey, String from, Duration timeout) {
        String base = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        this.endpoint = URI.create(base + "/v3/" + URLEncoder.encode(domain.trim(), StandardCharsets.UTF_8) + "/messages");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.from = from.trim();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void send(MailMessage message, String senderName) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("from", address(from, senderName));
        form.put("to", address(message.to(), message.toName()));
        form.put("subject", message.subject());
        form.put("text", message.text());
        form.put("html", message.html());
        form.put("o:tracking-clicks", "no");
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw MailNotSent.because(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MailNotSent.because(e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new MailNotSent("Mailgun answered HTTP " + response.statusCode());
        }
    }

    private static String address(String email, String name) {
        try {
            return name.isBlank() ? email : new InternetAddress(email, name, StandardCharsets.UTF_8.name()).toString();
        } catch (java.io.UnsupportedEncodingException e) {
            return email;
        }
    }

    String describe() {
        return endpoint.getHost();
    }
}
