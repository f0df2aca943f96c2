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

    /** A chat, rendered with the chat template; the completion is the assistant's reply. */
    record Chat(List<ChatMessage> messages) implements PromptInput {
        public Chat {
            messages = List.copyOf(messages);
            if (messages.stream().noneMatch(m -> m.role().equals("user"))) {
                throw new InvalidRequestException("chat must contain a user message");
            }
        }
    }
}
