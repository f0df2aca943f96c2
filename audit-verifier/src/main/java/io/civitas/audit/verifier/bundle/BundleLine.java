package io.civitas.audit.verifier.bundle;

import java.util.List;

import io.civitas.audit.verifier.checkpoint.Checkpoint;

/**
 * One parsed line of a bundle: every record type's fields, those the type does not use left null. {@code record}
 * names the type (see {@link RecordType}).
 */
public record BundleLine(String record, String format, String exportId, String from, String to, String tenantId,
        String createdAt, Long treeSize, String keyId, String algorithm, String publicKey, Checkpoint checkpoint,
        String signature, Long fromSize, Long toSize, List<String> proof, Long start, Integer level, String hash,
        Long seq, String occurredAt, Long entries, Long nodes, String bundleHash) {

    /** The record type, or null when the line names none that exists. */
    public RecordType type() {
        return RecordType.of(record);
    }
}
