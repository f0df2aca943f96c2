package io.civitas.gateway.openai;

import io.civitas.api.inference.v1.ChatInput;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.SamplingParams;

/** Maps a validated chat or text completion request onto the worker's GenerateRequest. */
public final class GenerateRequests {

    private GenerateRequests() {
    }

    public static GenerateRequest of(String requestId, String tenantId, GenerationRequest request) {
        GenerateRequest.Builder generate = GenerateRequest.newBuilder()
                .setRequestId(requestId)
                .setModel(request.model())
                .setSampling(sampling(request.sampling()))
                .setTenantId(tenantId);
        switch (request) {
            case ChatRequest chat -> generate.setChat(chatInput(chat));
            case TextCompletionRequest text -> generate.setPrompt(text.prompt());
        }
        return generate.build();
    }

    private static ChatInput chatInput(ChatRequest request) {
        ChatInput.Builder chat = ChatInput.newBuilder()
                .setToolsJson(request.tools().toolsJson())
                .setToolChoiceJson(request.tools().toolChoiceJson())
                .setResponseFormatJson(request.tools().responseFormatJson());
        request.messages().forEach(message -> chat.addMessages(io.civitas.api.inference.v1.ChatMessage.newBuilder()
                .setRole(message.role())
                .setContent(message.content())
                .setToolCallsJson(message.toolCallsJson())
                .setToolCallId(message.toolCallId())
                .setName(message.name())));
        return chat.build();
    }

    private static SamplingParams sampling(Sampling sampling) {
        SamplingParams.Builder params = SamplingParams.newBuilder().addAllStop(sampling.stop());
        if (sampling.temperature() != null) {
            params.setTemperature(sampling.temperature().floatValue());
        }
        if (sampling.topP() != null) {
            params.setTopP(sampling.topP().floatValue());
        }
        if (sampling.maxTokens() != null) {
            params.setMaxTokens(sampling.maxTokens());
        }
        if (sampling.seed() != null) {
            params.setSeed(sampling.seed());
        }
        return params.build();
    }
}
