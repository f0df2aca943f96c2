package io.civitas.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Calls the gateway's API as an OpenAI client would. */
public final class Chat {

    public static final String COMPLETIONS = "/v1/chat/completions";

    private Chat() {
    }

    /** A request body with one user message. */
    public static String body(String model, String userText, String extraFields) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"" + userText + "\"}]" + (extraFields.isEmpty() ? "" : ",")
                + extraFields + "}";
    }

    public static Response post(String apiKey, String body) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(body)
                .post(COMPLETIONS);
    }
}
