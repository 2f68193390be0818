package io.parley.gateway.edge;

import io.parley.common.error.ErrorBody;
import io.parley.gateway.GatewayProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over the limit with 413 before anything reaches a service: at once when
 * {@code Content-Length} says so; a chunked JSON body is gathered (up to the limit) and forwarded
 * with its length. A chunked multipart upload, too large to gather, is counted as it streams and
 * cut off when it passes its own limit.
 */
@Component
class BodySizeLimitFilter implements WebFilter, Ordered {

    private final long maxJson;
    private final long maxUpload;
    private final JsonErrors errors;

    BodySizeLimitFilter(GatewayProperties properties, JsonErrors errors) {
        this.maxJson = properties.maxJsonBody().toBytes();
        this.maxUpload = properties.maxUploadBody().toBytes();
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        MediaType type = request.getHeaders().getContentType();
        long limit = type != null && MediaType.MULTIPART_FORM_DATA.includes(type) ? maxUpload : maxJson;
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return tooLarge(exchange, limit);
        }
        boolean chunked = declared < 0 && request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (!chunked) {
            return chain.filter(exchange);
        }
        if (limit == maxJson) {
            return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, limit))
                    .defaultIfEmpty(exchange.getResponse().bufferFactory().wrap(new byte[0]))
                    .flatMap(body -> chain.filter(exchange.mutate().request(gathered(request, body)).build()))
                    .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange, limit));
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, message(limit)));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static ServerHttpRequest gathered(ServerHttpRequest request, DataBuffer body) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(body.readableByteCount());
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(body);
            }
        };
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        return errors.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, ErrorBody.of("payload_too_large", message(limit)));
    }

    private static String message(long limit) {
        return "The request body is larger than " + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit + " bytes");
    }
}
