package io.civitas.gateway.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.civitas.testsupport.KafkaResource;

/** Feeds read every partition, from the beginning (state) or from the end at start-up (notifications). */
class TopicFeedTest {

    private static final String TOPIC = "feed-test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaResource kafka;
    private static FeedConsumers consumers;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new KafkaResource();
        String servers = kafka.start().get("kafka.bootstrap.servers");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        consumers = new FeedConsumers(Map.of("bootstrap.servers", servers));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new StringSerializer(), new ByteArraySerializer());
        for (int partition = 0; partition < 3; partition++) {
            send(partition, "before-" + partition);
        }
    }

    @AfterAll
    static void stopKafka() {
        producer.close();
        kafka.stop();
    }

    @Test
    void shouldReadEveryPartitionFromTheBeginning() {
        // Given
        List<String> seen = new CopyOnWriteArrayList<>();

        // When
        try (TopicFeed feed = new TopicFeed(consumers.create("earliest"), TOPIC, TopicFeed.Start.EARLIEST,
                record -> seen.add(new String(record.value(), StandardCharsets.UTF_8))).start()) {

            // Then
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(seen)
                    .contains("before-0", "before-1", "before-2"));
            assertThat(feed.isAssigned()).isTrue();
        }
    }

    @Test
    void shouldReadOnlyWhatIsPublishedAfterStartUpFromTheEndOnEveryPartition() throws Exception {
        // Given
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicFeed feed = new TopicFeed(consumers.create("latest"), TOPIC, TopicFeed.Start.LATEST,
                record -> seen.add(new String(record.value(), StandardCharsets.UTF_8))).start()) {
            Awaitility.await().atMost(WAIT).until(feed::isAssigned);

            // When
            for (int partition = 0; partition < 3; partition++) {
                send(partition, "after-" + partition);
            }

            // Then
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(seen)
                    .containsExactlyInAnyOrder("after-0", "after-1", "after-2"));
        }
    }

    private static void send(int partition, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, partition, "k", value.getBytes(StandardCharsets.UTF_8))).get();
    }
}
