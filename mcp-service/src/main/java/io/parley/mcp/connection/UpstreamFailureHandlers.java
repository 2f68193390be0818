package io.parley.mcp.connection;

import io.grpc.Status;
import io.parley.common.error.ErrorBody;
import io.parley.common.request.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** {@link UpstreamFailure} on both wires, in the house error shape. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
@Configuration(proxyBeanMethods = false)
class UpstreamFailureHandlers {

    @ExceptionHandler(UpstreamFailure.class)
    ResponseEntity<ErrorBody> upstream(UpstreamFailure e, HttpServletRequest request) {
        return ResponseEntity.status(e.status()).body(ErrorBody.of(e.error(), e.getMessage()).withRequestId(RequestIdFilter.current(request)));
    }

    @Bean
    GrpcExceptionHandler upstreamFailuresAsStatus() {
        return e -> e instanceof UpstreamFailure f
                ? (f.kind() == UpstreamFailure.Kind.TIMEOUT ? Status.DEADLINE_EXCEEDED : Status.UNAVAILABLE)
                        .withDescription(f.getMessage()).asException()
                : null;
    }
}
