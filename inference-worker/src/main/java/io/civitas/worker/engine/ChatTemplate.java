package io.civitas.worker.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Mistral-style chat template: {@code [INST] user [/INST] assistant</s>[INST] user [/INST]}, with the system
 * messages placed before the first user message. The BOS token is added by the engine, not by the text.
 */
final class ChatTemplate {

    private ChatTemplate() {
    }

    static String render(List<ChatMessage> messages) {
        String system = messages.stream().filter(m -> m.role().equals("system")).map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
        StringBuilder text = new StringBuilder();
        boolean firstUser = true;
        for (ChatMessage message : messages) {
            switch (message.role()) {
                case "user" -> {
                    text.append("[INST] ");
                    if (firstUser && !system.isEmpty()) {
                        text.append(system).append("\n\n");
                    }
                    firstUser = false;
                    text.append(message.content()).append(" [/INST]");
                }
                case "assistant" -> text.append(' ').append(message.content()).append("</s>");
                default -> {
                    // system messages are already placed before the first user message
                }
            }
        }
        return text.toString();
    }
}
