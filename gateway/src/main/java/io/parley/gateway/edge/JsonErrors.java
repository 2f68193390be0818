package io.parley.gateway.edge;

import io.parley.common.error.ErrorBody;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes Parley's error shape from the gateway's filters. */
@Component
public class JsonErrors {

    private final JsonMapper json;

    public JsonErrors(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ErrorBody body) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (status.is4xxClientError() && withoutBody(exchange)) {
            // Seen: on keep-alive, a request after a 401 answered here could stall; a fresh connection
            // avoids it. Not when a body may still be arriving (a 413): closing with unread bytes resets
            // the connection and the client can lose the answer; the server drains that body instead.
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        byte[] bytes = json.writeValueAsBytes(body.withRequestId(EdgeRequest.requestId(exchange)));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    private static boolean withoutBody(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
