package io.parley.common.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.parley.common.error.ApiException;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {

    @Test
    void aCalleesNotFoundReachesTheCallerWithItsOwnWords() {
        StatusRuntimeException wire = GrpcErrors.toStatus(new ApiException.NotFound("Agent not found")).getStatus()
                .asRuntimeException(GrpcErrors.toStatus(new ApiException.NotFound("Agent not found")).getTrailers());
        ApiException back = GrpcErrors.toApiException(wire);
        assertThat(back).isInstanceOf(ApiException.NotFound.class);
        assertThat(back.getMessage()).isEqualTo("Agent not found");
    }

    @Test
    void theCalleesErrorCodeTravelsWithItsMessage() {
        ApiException forbidden = new ApiException.Forbidden("Forbidden", "You do not have permission to share agent resources");
        ApiException back = GrpcErrors.toApiException(GrpcErrors.toStatus(forbidden).getStatus()
                .asRuntimeException(GrpcErrors.toStatus(forbidden).getTrailers()));
        assertThat(back).isInstanceOf(ApiException.Forbidden.class);
        assertThat(back.error()).isEqualTo("Forbidden");
        assertThat(back.getMessage()).isEqualTo("You do not have permission to share agent resources");
    }

    @Test
    void mapsEachDomainFailureToItsStatus() {
        assertThat(GrpcErrors.toStatus(new ApiException.Invalid("x")).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(GrpcErrors.toStatus(new ApiException.Unauthorized("x")).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(GrpcErrors.toStatus(new ApiException.Forbidden("x")).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(GrpcErrors.toStatus(new ApiException.Conflict("x")).getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(GrpcErrors.toStatus(new ApiException.LimitExceeded("x")).getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(GrpcErrors.toStatus(new ApiException.Unavailable("x")).getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void anUnexpectedFailureOfTheCalleeIsUnavailableNotItsInternals() {
        ApiException back = GrpcErrors.toApiException(Status.INTERNAL.withDescription("NullPointerException at X").asRuntimeException());
        assertThat(back).isInstanceOf(ApiException.Unavailable.class);
        assertThat(back.getMessage()).doesNotContain("NullPointerException");
    }
}
