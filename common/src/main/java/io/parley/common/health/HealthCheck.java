package io.parley.common.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A container health check for images without a shell or curl (distroless): exits 0 when the URL
 * answers 200, 1 otherwise. Compose runs it inside the container:
 * {@code java -cp @/app/jib-classpath-file io.parley.common.health.HealthCheck http://127.0.0.1:3081/actuator/health/readiness}.
 */
public final class HealthCheck {

    private HealthCheck() {
    }

    public static void main(String[] args) {
        System.exit(check(args.length > 0 ? args[0] : "http://127.0.0.1:3080/actuator/health/readiness") ? 0 : 1);
    }

    static boolean check(String url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
