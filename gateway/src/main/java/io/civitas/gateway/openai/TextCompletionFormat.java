package io.civitas.gateway.openai;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** text_completion, whole or streamed: each choice carries its text in "text". */
public final class TextCompletionFormat extends CompletionFormat {

    public TextCompletionFormat(ObjectMapper mapper) {
        super(mapper, "cmpl-", "text_completion", "text_completion");
    }

    /** Text completion streams start with the first text. */
    @Override
    public Optional<String> openingChunk(CompletionHeader header) {
        return Optional.empty();
    }

    @Override
    protected void wholeText(ObjectNode choice, String text) {
        choice.put("text", text);
    }

    @Override
    protected void chunkText(ObjectNode choice, String text) {
        choice.put("text", text == null ? "" : text);
    }
}
