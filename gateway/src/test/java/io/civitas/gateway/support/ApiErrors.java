package io.civitas.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;

/** Assertions on OpenAI-shaped error answers. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** The answer is {@code status} with exactly OpenAI's error fields, the given type and code, and a request id. */
    public static void assertError(Response response, int status, String type, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.header("x-request-id")).isNotBlank();
        assertThat(response.jsonPath().getMap("error")).containsOnlyKeys("message", "type", "param", "code");
        assertThat(response.jsonPath().getString("error.type")).isEqualTo(type);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo(code);
        assertThat(response.jsonPath().getString("error.message")).isNotBlank();
    }
}
