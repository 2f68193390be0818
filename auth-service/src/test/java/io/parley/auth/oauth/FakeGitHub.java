package io.parley.auth.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GitHub (Enterprise) server on 127.0.0.1 for the parts Parley uses: the authorize page (which signs
 * in as the account named by its {@code login_as} parameter, standing for the person picking their
 * account), the token endpoint (client secret, one-time code, PKCE verifier checked as GitHub does) and
 * the {@code /api/v3/user} and {@code /user/emails} APIs.
 */
public final class FakeGitHub {

    /** A GitHub account: its numeric id, login and e-mail addresses. */
    public record Account(long id, String login, String name, String email, boolean verified) {
    }

    private record Grant(Account account, String redirectUri, String challenge) {
    }

    public static final String CLIENT_ID = "github-client";
    public static final String CLIENT_SECRET = "github-secret";

    private final HttpServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Account> tokens = new ConcurrentHashMap<>();

    public FakeGitHub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/login/oauth/authorize", this::authorize);
        server.createContext("/login/oauth/access_token", this::token);
        server.createContext("/api/v3/user", this::user);
        server.createContext("/avatars/u/", this::avatar);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void add(Account account) {
        accounts.put(account.login(), account);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        Account account = accounts.get(query.get("login_as"));
        if (account == null || !CLIENT_ID.equals(query.get("client_id"))) {
            send(exchange, 400, "{\"error\":\"unknown account or client\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(account, query.get("redirect_uri"), query.get("code_challenge")));
        exchange.getResponseHeaders().add("Location", query.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(form.get("code")));
        boolean valid = grant != null && CLIENT_ID.equals(form.get("client_id"))
                && CLIENT_SECRET.equals(form.get("client_secret"))
                && grant.redirectUri().equals(form.get("redirect_uri"))
                && form.get("code_verifier") != null && s256(form.get("code_verifier")).equals(grant.challenge());
        if (!valid) {
            // GitHub's way: 200 with an error field.
            send(exchange, 200, "{\"error\":\"bad_verification_code\"}");
            return;
        }
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, grant.account());
        send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
    }

    private void user(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Account account = authorization == null ? null : tokens.get(authorization.replaceFirst("^Bearer ", ""));
        if (account == null || exchange.getRequestHeaders().getFirst("User-Agent") == null) {
            send(exchange, 401, "{\"message\":\"Requires authentication\"}");
            return;
        }
        if (exchange.getRequestURI().getPath().endsWith("/user/emails")) {
            send(exchange, 200, "[{\"email\":\"old-" + account.email() + "\",\"primary\":false,\"verified\":false},"
                    + "{\"email\":\"" + account.email() + "\",\"primary\":true,\"verified\":" + account.verified() + "}]");
        } else {
            send(exchange, 200, "{\"id\":" + account.id() + ",\"login\":\"" + account.login() + "\",\"name\":\""
                    + account.name() + "\",\"email\":\"" + account.email() + "\",\"avatar_url\":\"" + baseUrl() + "/avatars/u/"
                    + account.id() + "\"}");
        }
    }

    /** Every account's picture: {@link #AVATAR}, a PNG. */
    private void avatar(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, AVATAR.length);
        exchange.getResponseBody().write(AVATAR);
        exchange.close();
    }

    public static final byte[] AVATAR = png();

    private static byte[] png() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
