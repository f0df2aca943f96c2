package io.civitas.support.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void shouldRefuseANonErrorStatus() {
        // When / Then
        assertThatThrownBy(() -> new Problem("urn:civitas:problem:x", "OK", 200, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAnswerProblemJsonWithTypeTitleAndStatus() {
        // When
        Response response = Problems.response(Status.NOT_FOUND, "tenant-not-found", "No tenant t-1");

        // Then
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(response.getEntity()).isEqualTo(
                new Problem("urn:civitas:problem:tenant-not-found", "Not Found", 404, "No tenant t-1"));
    }
}
