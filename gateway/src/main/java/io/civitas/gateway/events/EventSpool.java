package io.civitas.gateway.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

import org.jboss.logging.Logger;

/**
 * A durable FIFO of undelivered events in one directory: an append-only log ({@value #LOG}) of records
 * {@code [length][topic][key][value][crc32c]}, each forced to disk before {@link #append} returns, and the offset of
 * the first record not yet delivered ({@value #POSITION}), forced after each {@link #remove}. When every record is
 * delivered both are reset. A torn last record (a crash while appending) is cut off when the spool opens. Holds
 * envelopes only: the gateway never puts prompt or completion text in them.
 */
public final class EventSpool implements AutoCloseable {

    static final String LOG = "events.spool";
    static final String POSITION = "events.spool.pos";
    private static final Logger LOGGER = Logger.getLogger(EventSpool.class);
    private static final int HEADER = Integer.BYTES;
    private static final int TRAILER = Integer.BYTES;
    private static final int MAX_RECORD = 16 * 1024 * 1024;

    private final FileChannel log;
    private final FileChannel position;
    private long head;
    private long depth;

    /** One spooled record and where the next begins. */
    public record Entry(SpooledEvent event, long next) {
    }

    private EventSpool(FileChannel log, FileChannel position) {
        this.log = log;
        this.position = position;
    }

    /** Opens (creating) the spool in {@code directory}, cutting off a torn last record. */
    public static EventSpool open(Path directory) {
        try {
            Files.createDirectories(directory);
            EventSpool spool = new EventSpool(
                    FileChannel.open(directory.resolve(LOG), StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE),
                    FileChannel.open(directory.resolve(POSITION), StandardOpenOption.CREATE,
                            StandardOpenOption.READ, StandardOpenOption.WRITE));
            spool.recover();
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the event spool in " + directory, e);
        }
    }

    /** Appends the event and forces it to disk. */
    public synchronized void append(SpooledEvent event) throws IOException {
        byte[] topic = event.topic().getBytes(StandardCharsets.UTF_8);
        byte[] key = event.key() == null ? null : event.key().getBytes(StandardCharsets.UTF_8);
        int body = Integer.BYTES + topic.length + Integer.BYTES + (key == null ? 0 : key.length) + event.value().length;
        ByteBuffer record = ByteBuffer.allocate(HEADER + body + TRAILER);
        record.putInt(body).putInt(topic.length).put(topic).putInt(key == null ? -1 : key.length);
        if (key != null) {
            record.put(key);
        }
        record.put(event.value());
        record.putInt(crc(record.array(), HEADER, body));
        record.flip();
        long end = log.size();
        while (record.hasRemaining()) {
            end += log.write(record, end);
        }
        log.force(false);
        depth++;
    }

    /** The oldest record not yet removed, if any. */
    public synchronized Optional<Entry> peek() throws IOException {
        return depth == 0 ? Optional.empty() : read(head);
    }

    /** Removes {@code entry}, which must be the oldest; resets the files once nothing is left. */
    public synchronized void remove(Entry entry) throws IOException {
        Optional<Entry> oldest = peek();
        if (oldest.isEmpty() || oldest.get().next() != entry.next()) {
            throw new IllegalStateException("Only the oldest spooled event can be removed");
        }
        depth--;
        head = depth == 0 ? 0 : entry.next();
        if (depth == 0) {
            log.truncate(0);
            log.force(false);
        }
        writePosition(head);
    }

    /** Records waiting for delivery. */
    public synchronized long depth() {
        return depth;
    }

    /** Bytes the waiting records take on disk. */
    public synchronized long bytes() throws IOException {
        return log.size() - head;
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
        position.close();
    }

    private void recover() throws IOException {
        ByteBuffer saved = ByteBuffer.allocate(Long.BYTES);
        position.read(saved, 0);
        head = saved.position() == Long.BYTES ? saved.flip().getLong() : 0;
        if (head > log.size()) {
            head = 0;
        }
        long offset = head;
        for (Optional<Entry> entry = read(offset); entry.isPresent(); entry = read(offset)) {
            offset = entry.get().next();
            depth++;
        }
        if (offset < log.size()) {
            LOGGER.warnf("Event spool: cut off a torn record at offset %d of %d", offset, log.size());
            log.truncate(offset);
            log.force(false);
        }
        if (depth > 0) {
            LOGGER.infof("Event spool holds %d undelivered events", depth);
        }
    }

    private Optional<Entry> read(long offset) throws IOException {
        ByteBuffer header = readFully(offset, HEADER);
        if (header == null) {
            return Optional.empty();
        }
        int body = header.getInt();
        if (body <= 0 || body > MAX_RECORD) {
            return Optional.empty();
        }
        ByteBuffer record = readFully(offset + HEADER, body + TRAILER);
        if (record == null || record.getInt(body) != crc(record.array(), 0, body)) {
            return Optional.empty();
        }
        byte[] topic = new byte[record.getInt()];
        record.get(topic);
        int keyLength = record.getInt();
        byte[] key = keyLength < 0 ? null : new byte[keyLength];
        if (key != null) {
            record.get(key);
        }
        byte[] value = new byte[body - record.position()];
        record.get(value);
        return Optional.of(new Entry(new SpooledEvent(new String(topic, StandardCharsets.UTF_8),
                key == null ? null : new String(key, StandardCharsets.UTF_8), value),
                offset + HEADER + body + TRAILER));
    }

    private ByteBuffer readFully(long offset, int length) throws IOException {
        if (offset + length > log.size()) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (log.read(buffer, offset + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer.flip();
    }

    private void writePosition(long offset) throws IOException {
        position.write(ByteBuffer.allocate(Long.BYTES).putLong(offset).flip(), 0);
        position.force(false);
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
