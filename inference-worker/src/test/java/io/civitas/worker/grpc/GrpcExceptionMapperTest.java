package io.civitas.worker.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.civitas.worker.engine.DeadlineExceededException;
import io.civitas.worker.engine.EngineFailedException;
import io.civitas.worker.engine.EngineOverloadedException;
import io.civitas.worker.engine.EngineRefusedException;
import io.civitas.worker.engine.EngineUnavailableException;
import io.civitas.worker.engine.InvalidRequestException;
import io.civitas.worker.engine.ModelNotFoundException;
import io.civitas.worker.engine.ModelNotReadyException;
import io.civitas.worker.engine.PromptTooLongException;
import io.civitas.worker.engine.QueueFullException;
import io.civitas.worker.engine.QueueTimeoutException;
import io.civitas.worker.engine.UnsupportedFeatureException;
import io.civitas.worker.engine.WorkerDrainingException;
import io.grpc.Status;

class GrpcExceptionMapperTest {

    @Test
    void shouldMapEachFailureToItsStatus() {
        // When / Then
        assertThat(code(new ModelNotFoundException("x"))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(new InvalidRequestException("bad"))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(new PromptTooLongException(10, 5))).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(new QueueFullException(16))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(code(new ModelNotReadyException("loading"))).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(code(new QueueTimeoutException(Duration.ofSeconds(30)))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(code(new DeadlineExceededException())).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(GrpcExceptionMapper.toStatus(new WorkerDrainingException()))
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE))
                .satisfies(s -> assertThat(s.getDescription()).isEqualTo("draining"));
        assertThat(code(new CompletionException(new QueueFullException(1)))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(code(new UnsupportedFeatureException("tools"))).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(code(new EngineRefusedException("404"))).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(code(new EngineOverloadedException("429"))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(code(new EngineUnavailableException("503"))).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(code(new EngineFailedException("error event"))).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void shouldHideTheDetailsOfUnexpectedFailures() {
        // When
        Status status = GrpcExceptionMapper.toStatus(new IllegalStateException("secret detail"));

        // Then
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).isEqualTo("internal error");
    }

    private static Status.Code code(Throwable t) {
        return GrpcExceptionMapper.toStatus(t).getCode();
    }
}
