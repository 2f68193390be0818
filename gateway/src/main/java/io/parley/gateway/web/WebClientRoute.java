package io.parley.gateway.web;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers the requests {@link WebClientFiles#serves} claims, ahead of the gateway's routes. The file is
 * looked up off the event loop; its bytes go out zero-copy. Anything not found is the gateway's JSON 404.
 */
@Configuration(proxyBeanMethods = false)
class WebClientRoute {

    @Bean
    RouterFunction<ServerResponse> webClient(WebClientFiles files) {
        return RouterFunctions.route(request -> files.serves(request.exchange().getRequest()), request -> serve(files, request));
    }

    private static Mono<ServerResponse> serve(WebClientFiles files, ServerRequest request) {
        return Mono.fromCallable(() -> files.find(request.exchange().getRequest()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(found -> found.map(file -> respond(file, request))
                        .orElseGet(() -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND))));
    }

    private static Mono<ServerResponse> respond(StaticFile file, ServerRequest request) {
        if (notModified(request.headers().header(HttpHeaders.IF_NONE_MATCH), file.etag())) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED).headers(h -> validators(h, file)).build();
        }
        ServerResponse.BodyBuilder ok = ServerResponse.ok().headers(h -> {
            validators(h, file);
            h.set("X-Content-Type-Options", "nosniff");
            if (file.encoding() != null) {
                h.set(HttpHeaders.CONTENT_ENCODING, file.encoding());
            }
        }).contentType(file.contentType()).contentLength(file.size());
        // HEAD: the length without reading the file (a body given to a HEAD response is read and dropped).
        return HttpMethod.HEAD.equals(request.method()) ? ok.build()
                : ok.body(BodyInserters.fromResource(new FileSystemResource(file.path())));
    }

    /** What a 304 repeats of the 200 it stands for (RFC 9110 §15.4.5). */
    private static void validators(HttpHeaders headers, StaticFile file) {
        headers.set(HttpHeaders.ETAG, file.etag());
        headers.set(HttpHeaders.CACHE_CONTROL, file.cacheControl());
        if (file.varies()) {
            headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
    }

    /** {@code If-None-Match} by weak comparison, as RFC 9110 §13.1.2 asks of it. */
    static boolean notModified(List<String> ifNoneMatch, String etag) {
        for (String header : ifNoneMatch) {
            for (String tag : header.split(",")) {
                String trimmed = tag.trim();
                if (trimmed.equals("*") || (trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
