package io.civitas.gateway.openai;

import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes one kind of completion, whole or as stream chunks: chat.completion or text_completion. Both share the
 * header fields, the usage object and the usage chunk; they differ in the id prefix, object names and the choice.
 */
public abstract sealed class CompletionFormat permits ChatCompletionFormat, TextCompletionFormat {

    protected final ObjectMapper mapper;
    private final String idPrefix;
    private final String object;
    private final String chunkObject;

    protected CompletionFormat(ObjectMapper mapper, String idPrefix, String object, String chunkObject) {
        this.mapper = mapper;
        this.idPrefix = idPrefix;
        this.object = object;
        this.chunkObject = chunkObject;
    }

    /** The id of a completion: the prefix and the request id. */
    public String completionId(String requestId) {
        return idPrefix + requestId;
    }

    /** The whole completion. */
    public String completion(CompletionHeader header, String text, String finishReason, Usage usage) {
        return completion(header, text, newToolCalls(), finishReason, usage);
    }

    /** The whole completion, with the tool calls the model made (if any). */
    public String completion(CompletionHeader header, String text, ToolCallAccumulator toolCalls,
            String finishReason, Usage usage) {
        ObjectNode root = base(header, object);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        wholeText(choice, text);
        if (!toolCalls.isEmpty()) {
            wholeToolCalls(choice, toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", OpenAiFormat.usage(mapper, usage));
        return OpenAiFormat.write(mapper, root);
    }

    /** The chunk sent before any text, if this kind has one. */
    public abstract Optional<String> openingChunk(CompletionHeader header);

    /** Collects the tool-call deltas of a generation answered as one completion. */
    public ToolCallAccumulator newToolCalls() {
        return new ToolCallAccumulator(mapper);
    }

    /** A chunk relaying the worker's tool-call deltas, for kinds that have tool calls. */
    public Optional<String> toolCallsChunk(CompletionHeader header, String deltasJson) {
        return Optional.empty();
    }

    /** A chunk with generated text. */
    public String textChunk(CompletionHeader header, String text) {
        return chunk(header, choice -> chunkText(choice, text), null);
    }

    /** The chunk that carries the finish reason and no text. */
    public String finishChunk(CompletionHeader header, String finishReason) {
        return chunk(header, choice -> chunkText(choice, null), finishReason);
    }

    /** The usage chunk sent before [DONE] when stream_options.include_usage is true. */
    public String usageChunk(CompletionHeader header, Usage usage) {
        ObjectNode root = base(header, chunkObject);
        root.putArray("choices");
        root.set("usage", OpenAiFormat.usage(mapper, usage));
        return OpenAiFormat.write(mapper, root);
    }

    /** Puts the whole text into a choice. */
    protected abstract void wholeText(ObjectNode choice, String text);

    /** Puts the merged tool calls into a whole choice, for kinds that have tool calls. */
    protected void wholeToolCalls(ObjectNode choice, ToolCallAccumulator toolCalls) {
        throw new IllegalStateException(object + " has no tool calls");
    }

    /** Puts a chunk's text into a choice; null text is the finish chunk's. */
    protected abstract void chunkText(ObjectNode choice, String text);

    /** A chunk with one choice whose content {@code content} writes. */
    protected String chunk(CompletionHeader header, Consumer<ObjectNode> content, String finishReason) {
        ObjectNode root = base(header, chunkObject);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        content.accept(choice);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return OpenAiFormat.write(mapper, root);
    }

    private ObjectNode base(CompletionHeader header, String objectName) {
        return mapper.createObjectNode()
                .put("id", completionId(header.requestId()))
                .put("object", objectName)
                .put("created", header.createdEpochSecond())
                .put("model", header.model());
    }
}
