package io.civitas.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSpoolTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepEventsInOrderAcrossAReopen() throws IOException {
        // Given
        try (EventSpool spool = EventSpool.open(dir)) {
            spool.append(event("usage", "tenant-a", "one"));
            spool.append(event("audit", null, "two"));
            spool.append(event("usage", "tenant-b", "three"));
            spool.remove(spool.peek().orElseThrow());
        }

        // When
        EventSpool reopened = EventSpool.open(dir);

        // Then
        try (reopened) {
            assertThat(reopened.depth()).isEqualTo(2);
            EventSpool.Entry second = reopened.peek().orElseThrow();
            assertThat(second.event().topic()).isEqualTo("audit");
            assertThat(second.event().key()).isNull();
            assertThat(new String(second.event().value(), StandardCharsets.UTF_8)).isEqualTo("two");
            reopened.remove(second);
            EventSpool.Entry third = reopened.peek().orElseThrow();
            assertThat(third.event().key()).isEqualTo("tenant-b");
            reopened.remove(third);
            assertThat(reopened.peek()).isEmpty();
            assertThat(reopened.bytes()).isZero();
        }
    }

    @Test
    void shouldCutOffATornLastRecordWhenOpened() throws IOException {
        // Given
        try (EventSpool spool = EventSpool.open(dir)) {
            spool.append(event("usage", "tenant-a", "whole"));
            spool.append(event("usage", "tenant-a", "torn"));
        }
        Path log = dir.resolve(EventSpool.LOG);
        long size = Files.size(log);
        try (var channel = Files.newByteChannel(log, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);
        }

        // When
        EventSpool reopened = EventSpool.open(dir);

        // Then
        try (reopened) {
            assertThat(reopened.depth()).isEqualTo(1);
            assertThat(new String(reopened.peek().orElseThrow().event().value(), StandardCharsets.UTF_8))
                    .isEqualTo("whole");
            reopened.append(event("usage", "tenant-a", "after"));
            reopened.remove(reopened.peek().orElseThrow());
            assertThat(new String(reopened.peek().orElseThrow().event().value(), StandardCharsets.UTF_8))
                    .isEqualTo("after");
        }
    }

    @Test
    void shouldOnlyRemoveTheOldestEvent() throws IOException {
        // Given
        try (EventSpool spool = EventSpool.open(dir)) {
            spool.append(event("usage", "tenant-a", "first"));
            EventSpool.Entry first = spool.peek().orElseThrow();
            spool.remove(first);
            spool.append(event("usage", "tenant-a", "second"));
            spool.append(event("usage", "tenant-a", "third"));

            // When / Then
            assertThatThrownBy(() -> spool.remove(new EventSpool.Entry(first.event(), Long.MAX_VALUE)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(spool.depth()).isEqualTo(2);
        }
    }

    private static SpooledEvent event(String topic, String key, String value) {
        return new SpooledEvent(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }
}
