package io.civitas.gateway.limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.feeds.TopicFeed;

/**
 * Shares a {@link RateLimiter}'s admissions with the other replicas: every interval it publishes what the replica
 * admitted since the last time (one record per tenant, keyed by tenant id), and it applies what every other replica
 * publishes (all partitions, from the end at start-up).
 */
public final class UsageGossip implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(UsageGossip.class);

    private final RateLimiter limiter;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration interval;
    private final ObjectMapper json;
    private final TopicFeed feed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("gateway-rate-usage").daemon(true).factory());

    public UsageGossip(RateLimiter limiter, Producer<String, byte[]> producer, Consumer<String, byte[]> consumer,
            String topic, Duration interval, ObjectMapper json) {
        this.limiter = limiter;
        this.producer = producer;
        this.topic = topic;
        this.interval = interval;
        this.json = json;
        this.feed = new TopicFeed(consumer, topic, TopicFeed.Start.LATEST, this::received);
    }

    /** Starts following the topic and, with a positive interval, publishing on a timer. */
    public UsageGossip start() {
        feed.start();
        if (interval.isPositive()) {
            timer.scheduleWithFixedDelay(this::publishQuietly, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** True once every partition of the topic is followed. */
    public boolean isFollowing() {
        return feed.isAssigned();
    }

    /** Publishes what was admitted since the last call; returns the number of records sent. */
    public int publish() {
        List<UsageReport> reports = limiter.drainReports();
        for (UsageReport report : reports) {
            producer.send(new ProducerRecord<>(topic, report.tenantId(), encode(report)), (metadata, failure) -> {
                if (failure != null) {
                    LOGGER.warnf("Rate usage not shared: tenant=%s cause=%s", report.tenantId(), failure.toString());
                }
            });
        }
        return reports.size();
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOGGER.warnf("Rate usage not shared: cause=%s", e.toString());
        }
    }

    private void received(ConsumerRecord<String, byte[]> record) {
        try {
            limiter.apply(json.readValue(record.value(), UsageReport.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Not a usage report", e);
        }
    }

    private byte[] encode(UsageReport report) {
        try {
            return json.writeValueAsBytes(report);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a usage report", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        feed.close();
        producer.close(Duration.ofSeconds(5));
    }
}
