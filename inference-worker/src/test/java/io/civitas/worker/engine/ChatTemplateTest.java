package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChatTemplateTest {

    @Test
    void shouldRenderAMultiTurnChatWithTheSystemTextInTheFirstUserTurn() {
        // Given
        List<ChatMessage> chat = List.of(new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi"),
                new ChatMessage("assistant", "Hello!"), new ChatMessage("user", "Bye"));

        // When
        String text = ChatTemplate.render(chat);

        // Then
        assertThat(text).isEqualTo("[INST] Be brief.\n\nHi [/INST] Hello!</s>[INST] Bye [/INST]");
    }

    @Test
    void shouldRenderASingleUserTurn() {
        // When
        String text = ChatTemplate.render(List.of(new ChatMessage("user", "hello world")));

        // Then
        assertThat(text).isEqualTo("[INST] hello world [/INST]");
    }
}
