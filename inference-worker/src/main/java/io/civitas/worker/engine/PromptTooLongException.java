package io.civitas.worker.engine;

/** The prompt, with the chat template applied, does not fit into the model's usable context. */
public final class PromptTooLongException extends InvalidRequestException {

    public PromptTooLongException(int promptTokens, int usableContext) {
        super("prompt has " + promptTokens + " tokens; the model accepts at most " + (usableContext - 1));
    }
}
