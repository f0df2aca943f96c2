package io.civitas.audit.verifier.bundle;

import java.util.List;

import io.civitas.audit.verifier.checkpoint.Checkpoint;

/** The records a bundle is written with; their canonical JSON is one line each. */
public final class BundleRecords {

    /** Identifies the bundle format in the header and in the signed digest. */
    public static final String FORMAT = "civitas-audit-bundle/1";

    private BundleRecords() {
    }

    /** First line: what was exported. {@code tenantId} is null for every tenant; {@code to} is exclusive. */
    public record Header(String record, String format, String exportId, String from, String to, String tenantId,
            String createdAt, long treeSize) {

        public Header(String exportId, String from, String to, String tenantId, String createdAt, long treeSize) {
            this(RecordType.HEADER.wireName(), FORMAT, exportId, from, to, tenantId, createdAt, treeSize);
        }
    }

    /** The signing key: base64 DER SubjectPublicKeyInfo. */
    public record Key(String record, String keyId, String algorithm, String publicKey) {

        public Key(String keyId, String publicKey) {
            this(RecordType.KEY.wireName(), keyId, "Ed25519", publicKey);
        }
    }

    /** A signed checkpoint. */
    public record SignedCheckpointLine(String record, Checkpoint checkpoint, String signature) {

        public SignedCheckpointLine(Checkpoint checkpoint, String signature) {
            this(RecordType.CHECKPOINT.wireName(), checkpoint, signature);
        }
    }

    /** A consistency proof between the checkpoints of sizes {@code fromSize} and {@code toSize}; hex hashes. */
    public record Consistency(String record, long fromSize, long toSize, List<String> proof) {

        public Consistency(long fromSize, long toSize, List<String> proof) {
            this(RecordType.CONSISTENCY.wireName(), fromSize, toSize, proof);
        }
    }

    /** A perfect subtree (2^level leaves from leaf index {@code start}) holding no exported entry. */
    public record Node(String record, long start, int level, String hash) {

        public Node(long start, int level, String hash) {
            this(RecordType.NODE.wireName(), start, level, hash);
        }
    }

    /** Last line: counts, the SHA-256 of every line before it (newlines included), its signature. */
    public record End(String record, long entries, long nodes, String bundleHash, String keyId, String signature) {

        public End(long entries, long nodes, String bundleHash, String keyId, String signature) {
            this(RecordType.END.wireName(), entries, nodes, bundleHash, keyId, signature);
        }
    }

    /** The message the end record's signature covers. */
    public static byte[] signedDigestMessage(String bundleHash) {
        return (FORMAT + ":" + bundleHash).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
