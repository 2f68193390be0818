package io.parley.auth.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser as far as sign-in needs one: it follows no redirect by itself (the tests look at each),
 * keeps the cookies Parley sets, and reaches the Parley addresses it is sent to ({@code DOMAIN_SERVER})
 * at the test's auth-service.
 */
public final class Browser {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private final String publicOrigin;
    private final String parley;
    private final String[] headers;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /**
     * @param publicOrigin the origin Parley calls itself ({@code DOMAIN_SERVER})
     * @param parley       where that origin is really served in the test
     * @param headers      name, value… sent to Parley with every request (the gateway's tenant header)
     */
    public Browser(String publicOrigin, String parley, String... headers) {
        this.publicOrigin = publicOrigin;
        this.parley = parley;
        this.headers = headers;
    }

    /** One answer, with the {@code Location} it redirects to. */
    public record Page(int status, String location, HttpResponse<String> response) {

        public Optional<String> setCookie(String name) {
            return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }

        public String body() {
            return response.body();
        }
    }

    public Page get(String url) {
        return send(HttpRequest.newBuilder(uri(url)).GET(), url);
    }

    public Page postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), url);
    }

    /** A cookie the browser holds for Parley, or null. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** The same browser (its cookies) reaching Parley with other headers, e.g. through another tenant's host. */
    public Browser with(String... otherHeaders) {
        Browser moved = new Browser(publicOrigin, parley, otherHeaders);
        moved.cookies.putAll(cookies);
        return moved;
    }

    private Page send(HttpRequest.Builder request, String url) {
        boolean toParley = isParley(url);
        if (toParley) {
            String[] vouched = io.parley.common.test.TestEdge.vouched(headers);
            for (int i = 0; i < vouched.length; i += 2) {
                request.header(vouched[i], vouched[i + 1]);
            }
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")));
            }
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (toParley) {
                response.headers().allValues("Set-Cookie").forEach(this::keep);
            }
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), response);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void keep(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq);
        String value = pair.substring(eq + 1);
        if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private boolean isParley(String url) {
        return url.startsWith(publicOrigin) || url.startsWith(parley) || url.startsWith("/");
    }

    private URI uri(String url) {
        if (url.startsWith("/")) {
            return URI.create(parley + url);
        }
        return URI.create(url.startsWith(publicOrigin) ? parley + url.substring(publicOrigin.length()) : url);
    }
}
