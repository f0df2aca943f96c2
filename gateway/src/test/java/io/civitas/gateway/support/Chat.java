package io.civitas.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Calls the gateway's API as an OpenAI client would. */
public final class Chat {

    public static final String COMPLETIONS = "/v1/chat/completions";
    public static final String TEXT_COMPLETIONS = "/v1/completions";
    public static final String EMBEDDINGS = "/v1/embeddings";

    private Chat() {
    }

    /** A chat request body with one user message. */
    public static String body(String model, String userText, String extraFields) {
        return object("\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"" + userText + "\"}]", extraFields);
    }

    /** A (legacy) completions request body with a string prompt. */
    public static String promptBody(String model, String prompt, String extraFields) {
        return object("\"model\":\"" + model + "\",\"prompt\":\"" + prompt + "\"", extraFields);
    }

    /** An embeddings request body; {@code input} is JSON (a string or an array). */
    public static String embeddingBody(String model, String input, String extraFields) {
        return object("\"model\":\"" + model + "\",\"input\":" + input, extraFields);
    }

    /** POST to the chat completions endpoint. */
    public static Response post(String apiKey, String body) {
        return post(COMPLETIONS, apiKey, body);
    }

    public static Response post(String path, String apiKey, String body) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(body)
                .post(path);
    }

    private static String object(String fields, String extraFields) {
        return "{" + fields + (extraFields.isEmpty() ? "" : ",") + extraFields + "}";
    }
}
