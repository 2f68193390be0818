package io.parley.gateway.edge;

import io.parley.common.error.ErrorBody;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * Every failure the gateway itself answers, in Parley's error shape: no route (404), too large
 * (413), a service that is down (503) or slow (504), anything else (500, logged with the request id).
 */
@Component
@Order(-2)
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final JsonErrors errors;

    GatewayErrorHandler(JsonErrors errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        Throwable cause = rootOf(failure);
        if (failure instanceof ResponseStatusException rse) {
            return errors.write(exchange, HttpStatus.valueOf(rse.getStatusCode().value()), body(rse.getStatusCode(), rse.getReason()));
        }
        if (cause instanceof ConnectException || cause instanceof java.net.UnknownHostException) {
            return errors.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    ErrorBody.of("unavailable", "The service for this request is not available; try again shortly"));
        }
        if (cause instanceof TimeoutException) {
            return errors.write(exchange, HttpStatus.GATEWAY_TIMEOUT,
                    ErrorBody.of("timeout", "The service for this request did not answer in time"));
        }
        // PrematureCloseException (a connection closed before the answer) is an IOException too.
        if (inChain(failure, IOException.class) || inChain(failure, AbortedException.class)) {
            // Mostly a client that went away (nobody reads the answer), or a service that dropped or reset
            // the connection (a process killed mid-request): not a failure of the gateway's own.
            log.debug("Connection closed request_id={} path={}: {}", EdgeRequest.requestId(exchange),
                    exchange.getRequest().getPath().value(), failure.toString());
            return errors.write(exchange, HttpStatus.BAD_GATEWAY, ErrorBody.of("bad_gateway",
                    "The connection to the service for this request closed before it answered; try again"));
        }
        log.error("Gateway failure request_id={} path={}", EdgeRequest.requestId(exchange),
                exchange.getRequest().getPath().value(), failure);
        return errors.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR,
                ErrorBody.of("internal_error", "Something went wrong. Quote request id "
                        + EdgeRequest.requestId(exchange) + " when reporting it."));
    }

    private static ErrorBody body(HttpStatusCode status, String reason) {
        return switch (status.value()) {
            case 404 -> ErrorBody.of("not_found", "Endpoint not found");
            case 413 -> ErrorBody.of("payload_too_large", reason == null ? "The request body is too large" : reason);
            case 503 -> ErrorBody.of("unavailable", "The service for this request is not available; try again shortly");
            case 504 -> ErrorBody.of("timeout", "The service for this request did not answer in time");
            default -> status.is4xxClientError()
                    ? ErrorBody.of("invalid_request", reason == null ? "The request is invalid" : reason)
                    : ErrorBody.of("internal_error", "Something went wrong");
        };
    }

    private static boolean inChain(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
