package io.civitas.tenant.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.civitas.tenant.config.TenantServiceConfig;

/**
 * Publishes outbox rows to Kafka, in id order, exactly once. One relay is one leadership: it holds a PostgreSQL
 * advisory lock on its own connection (so only one instance publishes) and a transactional Kafka producer whose
 * {@code initTransactions} fences any earlier publisher and aborts its unfinished transaction. Each batch is one
 * Kafka transaction; the rows are marked published after the commit. A crash between commit and mark leaves rows
 * that are already on the topics: before publishing anything, {@link #recover()} reads the topics back
 * (read_committed, from the oldest unpublished row's time) and marks every row whose id a record carries in its
 * {@value #OUTBOX_ID_HEADER} header.
 */
public final class OutboxRelay implements AutoCloseable {

    /** Header carrying the outbox row id (8 bytes, big-endian). */
    public static final String OUTBOX_ID_HEADER = "civitas-outbox-id";
    /** Header carrying the event id (UTF-8), also inside the envelope. */
    public static final String EVENT_ID_HEADER = "civitas-event-id";

    private static final Logger LOGGER = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x63697669746173L;
    /** Allowance for clock differences between the database, this service and the broker. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(30);

    /** Where a test may simulate a crash of the publisher. */
    public enum Stage {
        /** The batch was sent, the Kafka transaction is still open. */
        SENT,
        /** The Kafka transaction was committed, the rows are not marked yet. */
        COMMITTED
    }

    /** Called at each {@link Stage}; a test hook throws there to simulate a crash. */
    @FunctionalInterface
    public interface Faults {
        Faults NONE = stage -> {
        };

        void reached(Stage stage);
    }

    private record Row(long id, String eventId, String channel, String key, byte[] payload) {
    }

    private final Connection connection;
    private final Producer<String, byte[]> producer;
    private final Map<String, Object> kafka;
    private final TenantServiceConfig.Outbox config;
    private final Faults faults;

    private OutboxRelay(Connection connection, Producer<String, byte[]> producer, Map<String, Object> kafka,
            TenantServiceConfig.Outbox config, Faults faults) {
        this.connection = connection;
        this.producer = producer;
        this.kafka = kafka;
        this.config = config;
        this.faults = faults;
    }

    /**
     * Becomes the publisher if no other instance is: takes the lock, fences earlier producers and recovers.
     * Returns null when another instance holds the lock.
     */
    public static OutboxRelay tryStart(DataSource dataSource, Map<String, Object> kafka,
            TenantServiceConfig.Outbox config, Faults faults) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                connection.close();
                return null;
            }
            Map<String, Object> producerConfig = new HashMap<>(kafka);
            producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new ByteArraySerializer());
            OutboxRelay relay = new OutboxRelay(connection, producer, kafka, config, faults);
            try {
                producer.initTransactions();
                relay.recover();
            } catch (RuntimeException | SQLException e) {
                relay.close();
                throw e;
            }
            return relay;
        } catch (RuntimeException | SQLException e) {
            if (!connection.isClosed()) {
                connection.close();
            }
            throw e;
        }
    }

    /** Publishes one batch; returns how many rows it published (0: the outbox is empty). */
    public int publishBatch() throws SQLException {
        List<Row> rows = unpublished(config.batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        producer.beginTransaction();
        for (Row row : rows) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic(row.channel()), row.key(),
                    row.payload());
            record.headers().add(OUTBOX_ID_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(row.id()).array());
            record.headers().add(EVENT_ID_HEADER, row.eventId().getBytes(StandardCharsets.UTF_8));
            producer.send(record);
        }
        faults.reached(Stage.SENT);
        producer.commitTransaction();
        faults.reached(Stage.COMMITTED);
        markPublished(rows.stream().map(Row::id).toList());
        return rows.size();
    }

    /** Deletes rows published longer ago than the retention. */
    public int deleteOlderThan(Duration retention) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from outbox where published_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, retention.toSeconds());
            return delete.executeUpdate();
        }
    }

    /** Marks rows whose records are already on the topics (published before a crash, not marked). */
    void recover() throws SQLException {
        Timestamp oldest = oldestUnpublished();
        if (oldest == null) {
            return;
        }
        Set<Long> published = readBackSince(oldest.toInstant().minus(CLOCK_SKEW).toEpochMilli());
        if (!published.isEmpty()) {
            markPublished(new ArrayList<>(published));
        }
        LOGGER.infof("Outbox publisher started; rows found already published=%d", published.size());
    }

    private Set<Long> readBackSince(long sinceMillis) {
        Map<String, Object> consumerConfig = new HashMap<>(kafka);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Set<Long> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(config.tenantChangesTopic(), config.auditTopic())) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_BACK_TIMEOUT);
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_BACK_TIMEOUT);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, sinceMillis));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, READ_BACK_TIMEOUT);
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                if (start != null && start.offset() < ends.get(partition)) {
                    consumer.seek(partition, start.offset());
                    pending.add(partition);
                }
            }
            consumer.assign(pending);
            long deadline = System.nanoTime() + READ_BACK_TIMEOUT.toNanos();
            while (pending.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading the outbox topics back");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader(OUTBOX_ID_HEADER);
                    if (header != null && header.value().length == Long.BYTES) {
                        ids.add(ByteBuffer.wrap(header.value()).getLong());
                    }
                }
            }
        }
        return ids;
    }

    private String topic(String channel) {
        return switch (Channel.valueOf(channel)) {
            case TENANT_CHANGES -> config.tenantChangesTopic();
            case AUDIT -> config.auditTopic();
        };
    }

    private List<Row> unpublished(int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id, event_id, channel, record_key, "
                + "payload from outbox where published_at is null order by id limit ?")) {
            select.setInt(1, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getBytes(5)));
                }
            }
            return rows;
        }
    }

    private Timestamp oldestUnpublished() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select min(created_at) from outbox where published_at is null");
                ResultSet result = select.executeQuery()) {
            return result.next() ? result.getTimestamp(1) : null;
        }
    }

    private void markPublished(List<Long> ids) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox set published_at = now() where id = any(?) and published_at is null")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_ID);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Stops publishing as a crashed process would: no abort of an open Kafka transaction, no waiting. */
    void abandon() {
        producer.close(Duration.ZERO);
        closeConnection();
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(5));
        } finally {
            closeConnection();
        }
    }

    /** Releases the lock before the connection goes back to the pool; a connection that cannot is destroyed. */
    private void closeConnection() {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_ID);
            unlock.execute();
            connection.close();
        } catch (SQLException e) {
            LOGGER.debug("Releasing the outbox lock failed; dropping the connection", e);
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                LOGGER.debug("Dropping the outbox connection failed", ignored);
            }
        }
    }
}
