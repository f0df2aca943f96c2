package io.civitas.audit.verifier.checkpoint;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.civitas.audit.verifier.bundle.Json;
import io.civitas.audit.verifier.merkle.MerkleHash;

/**
 * A signed statement about the log: after {@code treeSize} entries its RFC 6962 root was {@code rootHash}; the
 * checkpoint before it hashed to {@code prevHash} (64 zeros for the first). Hashes are lowercase hex, the time an
 * ISO-8601 instant. What is signed and hashed is the canonical JSON of these fields ({@link #signedBytes()}).
 */
public record Checkpoint(long treeSize, String rootHash, String prevHash, String issuedAt, String keyId) {

    /** prevHash of the first checkpoint. */
    public static final String NO_PREVIOUS = "0".repeat(2 * MerkleHash.LENGTH);

    public Checkpoint {
        if (treeSize < 0) {
            throw new IllegalArgumentException("treeSize must not be negative");
        }
        Hex.requireHash(rootHash, "rootHash");
        Hex.requireHash(prevHash, "prevHash");
        try {
            Instant.parse(Objects.requireNonNull(issuedAt, "issuedAt"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("issuedAt must be an ISO-8601 instant", e);
        }
        Objects.requireNonNull(keyId, "keyId");
    }

    /** The canonical JSON (sorted keys, no whitespace) that is signed. */
    @JsonIgnore
    public byte[] signedBytes() {
        return Json.canonical(this);
    }

    /** SHA-256 of {@link #signedBytes()}, hex: what the next checkpoint's prevHash names. */
    @JsonIgnore
    public String hash() {
        return Hex.of(MerkleHash.sha256(signedBytes()));
    }
}
