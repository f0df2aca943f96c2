package io.civitas.worker.engine;

import java.util.List;

/** What the model is asked to continue: a plain prompt or a chat. */
public sealed interface PromptInput {

    /** A plain prompt, continued as is. */
    record Text(String text) implements PromptInput {
        public Text {
            if (text == null || text.isEmpty()) {
                throw new InvalidRequestException("prompt must not be empty");
            }
        }
    }

    /**
     * A chat, rendered with the chat template; the completion is the assistant's reply.
     *
     * @param messages the turns
     * @param toolsJson OpenAI tools as JSON, or empty
     * @param toolChoiceJson OpenAI tool_choice as JSON, or empty
     * @param responseFormatJson OpenAI response_format as JSON, or empty
     */
    record Chat(List<ChatMessage> messages, String toolsJson, String toolChoiceJson, String responseFormatJson)
            implements PromptInput {
        public Chat {
            messages = List.copyOf(messages);
            if (messages.stream().noneMatch(m -> m.role().equals("user"))) {
                throw new InvalidRequestException("chat must contain a user message");
            }
            if (toolsJson == null || toolChoiceJson == null || responseFormatJson == null) {
                throw new InvalidRequestException("tools, tool_choice and response_format must be set or empty");
            }
        }

        /** A chat without tools or response format. */
        public Chat(List<ChatMessage> messages) {
            this(messages, "", "", "");
        }

        /** Whether tools, tool turns or a response format are asked for. */
        public boolean usesTools() {
            return !toolsJson.isEmpty() || !toolChoiceJson.isEmpty() || !responseFormatJson.isEmpty()
                    || messages.stream().anyMatch(ChatMessage::usesTools);
        }
    }
}
