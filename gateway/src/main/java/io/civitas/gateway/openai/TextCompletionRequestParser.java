package io.civitas.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.InvalidRequestException;

/** Reads and validates an OpenAI (legacy) completions request body; each problem names its parameter. */
public final class TextCompletionRequestParser {

    /** OpenAI's default max_tokens for (legacy) completions. */
    static final int DEFAULT_MAX_TOKENS = 16;

    private final ObjectMapper mapper;

    public TextCompletionRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public TextCompletionRequest parse(byte[] body) {
        JsonNode root = RequestFields.object(mapper, body);
        String model = RequestFields.requiredText(root, "model");
        String prompt = prompt(root.get("prompt"));
        Sampling sampling = RequestFields.sampling(root);
        if (sampling.maxTokens() == null) {
            sampling = new Sampling(sampling.temperature(), sampling.topP(), DEFAULT_MAX_TOKENS, sampling.stop(),
                    sampling.seed());
        }
        RequestFields.checkSingleChoice(root, "n");
        RequestFields.checkSingleChoice(root, "best_of");
        if (RequestFields.bool(root, "echo")) {
            throw new InvalidRequestException("echo", "'echo' is not supported.");
        }
        for (String field : new String[] {"suffix", "logprobs"}) {
            if (RequestFields.present(root.get(field))) {
                throw new InvalidRequestException(field, "'" + field + "' is not supported.");
            }
        }
        RequestFields.Streaming streaming = RequestFields.streaming(root);
        return new TextCompletionRequest(model, prompt, sampling, streaming.stream(), streaming.includeUsage());
    }

    /** A string, or an array of exactly one string (one prompt per request). */
    private static String prompt(JsonNode node) {
        if (!RequestFields.present(node)) {
            throw new InvalidRequestException("prompt", "You must provide a 'prompt' parameter.");
        }
        JsonNode single = node.isArray() && node.size() == 1 ? node.get(0) : node;
        if (!single.isTextual()) {
            throw new InvalidRequestException("prompt",
                    "'prompt' must be a string or an array of one string; token arrays and batches are not supported.");
        }
        return single.asText();
    }
}
