package io.civitas.billing.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Billing's transactional outbox: an event is appended in the transaction of the change it reports, so it exists
 * exactly when that change committed; {@link OutboxPublisher} sends it to its channel's topic and then deletes it.
 */
@ApplicationScoped
public class Outbox {

    /** An outbox row waiting to be published. */
    public record Pending(long id, Channel channel, String key, byte[] payload) {
    }

    /** Appends an event (a serialised EventEnvelope) in the transaction of {@code c}. */
    public void append(Connection c, Channel channel, String key, byte[] payload) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO outbox (channel, record_key, payload) VALUES (?, ?, ?)")) {
            insert.setString(1, channel.name());
            insert.setString(2, key);
            insert.setBytes(3, payload);
            insert.executeUpdate();
        }
    }

    /** Takes the outbox for this transaction unless another publisher holds it. */
    boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('outbox'))");
                ResultSet rows = lock.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /** The oldest {@code limit} rows, in the order they were written. */
    List<Pending> pending(Connection c, int limit) throws SQLException {
        List<Pending> pending = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, channel, record_key, payload FROM outbox ORDER BY id LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pending.add(new Pending(rows.getLong(1), Channel.valueOf(rows.getString(2)), rows.getString(3),
                            rows.getBytes(4)));
                }
            }
        }
        return pending;
    }

    void delete(Connection c, List<Pending> sent) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
            delete.setArray(1, c.createArrayOf("int8", sent.stream().map(Pending::id).toArray(Long[]::new)));
            delete.executeUpdate();
        }
    }
}
