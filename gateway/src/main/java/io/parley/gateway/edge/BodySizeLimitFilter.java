package io.parley.gateway.edge;

import io.parley.common.error.ErrorBody;
import io.parley.gateway.GatewayProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
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
 * Refuses bodies over the limit with 413: at once when {@code Content-Length} says so, else (chunked
 * uploads) as soon as the bytes streamed through pass it. Multipart uploads have their own limit.
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
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, message(limit)));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        return errors.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, ErrorBody.of("payload_too_large", message(limit)));
    }

    private static String message(long limit) {
        return "The request body is larger than " + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MB" : limit + " bytes");
    }
}
