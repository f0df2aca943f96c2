package io.civitas.audit.verifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.civitas.audit.verifier.bundle.AuditEntry;
import io.civitas.audit.verifier.bundle.BundleExporter;
import io.civitas.audit.verifier.bundle.BundleRecords;
import io.civitas.audit.verifier.bundle.BundleWriter;
import io.civitas.audit.verifier.checkpoint.Checkpoint;
import io.civitas.audit.verifier.checkpoint.Ed25519;
import io.civitas.audit.verifier.checkpoint.Hex;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;
import io.civitas.audit.verifier.merkle.MerkleHash;
import io.civitas.audit.verifier.merkle.NodeSource;

/** A log held in memory, exported through the same exporter and writer the service uses. */
public final class MemoryLog implements NodeSource {

    public static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private final KeyPair keys;
    private final Random random;
    private final List<byte[]> entries = new ArrayList<>();
    private final List<String> tenants = new ArrayList<>();
    private final List<byte[]> leaves = new ArrayList<>();
    private final List<SignedCheckpoint> checkpoints = new ArrayList<>();

    public MemoryLog(long seed) {
        this(generateKeys(), seed);
    }

    public MemoryLog(KeyPair keys, long seed) {
        this.keys = keys;
        this.random = new Random(seed);
    }

    public static KeyPair generateKeys() {
        try {
            return KeyPairGenerator.getInstance(Ed25519.ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair keys() {
        return keys;
    }

    /** Appends an entry of the tenant, one minute after the previous one. */
    public void append(String tenant) {
        long seq = entries.size() + 1;
        byte[] payload = new byte[16 + random.nextInt(48)];
        random.nextBytes(payload);
        byte[] entry = AuditEntry.of(seq, UUID.randomUUID().toString(), "EVENT_TYPE_REQUEST_SERVED", tenant,
                time(seq), payload, "{\"model\":\"m-" + random.nextInt(3) + "\",\"promptTokens\":"
                        + random.nextInt(500) + ",\"keyId\":\"key-" + tenant + "\"}").canonicalBytes();
        entries.add(entry);
        tenants.add(tenant);
        leaves.add(MerkleHash.leaf(entry));
    }

    /** Time of entry seq. */
    public static Instant time(long seq) {
        return T0.plusSeconds(60 * seq);
    }

    /** Signs a checkpoint of the current tree. */
    public SignedCheckpoint checkpoint() {
        String prev = checkpoints.isEmpty() ? Checkpoint.NO_PREVIOUS : checkpoints.getLast().checkpoint().hash();
        Checkpoint checkpoint = new Checkpoint(size(), Hex.of(range(0, size())), prev,
                time(size()).plusSeconds(1).toString(), Ed25519.keyId(keys.getPublic()));
        SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, keys.getPrivate());
        checkpoints.add(signed);
        return signed;
    }

    public long size() {
        return entries.size();
    }

    public List<SignedCheckpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** Exports entries of seq [firstSeq, lastSeq] (of one tenant, or all when null) against the checkpoints given. */
    public byte[] export(long firstSeq, long lastSeq, String tenant, List<SignedCheckpoint> anchoring) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BundleExporter exporter = new BundleExporter(new BundleWriter(out, keys.getPrivate(), keys.getPublic()), this);
        try {
            exporter.begin(new BundleRecords.Header(UUID.randomUUID().toString(), time(firstSeq).toString(),
                    time(lastSeq + 1).toString(), tenant, Instant.now().toString(),
                    anchoring.getLast().checkpoint().treeSize()), keys.getPublic(), anchoring);
            for (long seq = firstSeq; seq <= lastSeq; seq++) {
                if (tenant == null || tenant.equals(tenants.get((int) seq - 1))) {
                    exporter.entry(seq, entries.get((int) seq - 1));
                }
            }
            exporter.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] subtree(long start, int level) {
        if (level == 0) {
            return leaves.get((int) start);
        }
        long half = 1L << (level - 1);
        return MerkleHash.node(subtree(start, level - 1), subtree(start + half, level - 1));
    }
}
