package io.civitas.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.RateLimitExceededException;
import io.civitas.gateway.feeds.FeedConsumers;
import io.civitas.gateway.support.MovableClock;
import io.civitas.testsupport.KafkaResource;

/**
 * Three replicas of the limiter share one real Kafka broker and are driven concurrently. Each round every replica
 * makes {@value #PER_ROUND} attempts at once, seeing the others only as of their last publication; then all publish
 * and each waits to hear the others. So each replica's view lags the others by one round (one sync delay), and the
 * documented bound is: admitted <= limit + (replicas - 1) * admissions per replica per sync delay.
 */
class RateLimiterReplicasTest {

    private static final String TOPIC = "civitas.rate-usage.v1";
    private static final int REPLICAS = 3;
    private static final int LIMIT = 100;
    private static final int PER_ROUND = 7;
    private static final int ROUNDS = 25;
    private static final Quota KEY_LIMIT = new Quota(LIMIT, 0, 0);

    private static KafkaResource kafka;
    private static String servers;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new KafkaResource();
        servers = kafka.start().get("kafka.bootstrap.servers");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.stop();
    }

    @Test
    void shouldAdmitTheLimitAndNoMoreThanTheStatedBoundAcrossThreeReplicas() throws Exception {
        // Given
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<RateLimiter> limiters = new ArrayList<>();
        List<UsageGossip> gossips = new ArrayList<>();
        FeedConsumers consumers = new FeedConsumers(Map.of("bootstrap.servers", servers));
        for (int i = 0; i < REPLICAS; i++) {
            RateLimiter limiter = new RateLimiter("replica-" + i, clock);
            limiters.add(limiter);
            gossips.add(new UsageGossip(limiter, producer(), consumers.create("replica-" + i), TOPIC, Duration.ZERO,
                    new ObjectMapper()).start());
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gossips.stream()
                .allMatch(UsageGossip::isFollowing));

        // When
        int admitted = 0;
        long[] published = new long[REPLICAS];
        try (ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS)) {
            for (int round = 0; round < ROUNDS; round++) {
                List<Callable<Integer>> attempts = limiters.stream()
                        .<Callable<Integer>>map(limiter -> () -> attempt(limiter)).toList();
                for (Future<Integer> replica : replicas.invokeAll(attempts)) {
                    admitted += replica.get();
                }
                for (int i = 0; i < REPLICAS; i++) {
                    published[i] += gossips.get(i).publish();
                }
                awaitEveryReplicaHeardTheOthers(limiters, published);
            }
        } finally {
            gossips.forEach(UsageGossip::close);
        }

        // Then
        int bound = (REPLICAS - 1) * PER_ROUND;
        System.out.printf("rate limit across %d replicas: limit=%d admitted=%d stated bound=+%d%n", REPLICAS, LIMIT,
                admitted, bound);
        assertThat(admitted).isBetween(LIMIT, LIMIT + bound);
    }

    private static int attempt(RateLimiter limiter) {
        int admitted = 0;
        for (int i = 0; i < PER_ROUND; i++) {
            try {
                limiter.admit("tenant", "key", Quota.UNLIMITED, KEY_LIMIT);
                admitted++;
            } catch (RateLimitExceededException e) {
                // Refused: the replica believes the minute is full.
            }
        }
        return admitted;
    }

    private static void awaitEveryReplicaHeardTheOthers(List<RateLimiter> limiters, long[] published) {
        long total = Arrays.stream(published).sum();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            for (int i = 0; i < limiters.size(); i++) {
                assertThat(limiters.get(i).reportsApplied()).isEqualTo(total - published[i]);
            }
        });
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }
}
