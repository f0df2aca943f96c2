package io.civitas.audit.verifier.bundle;

import java.util.Arrays;

/** The records of a bundle, in the order they appear. */
public enum RecordType {
    /** Export id, range, tenant filter, anchor tree size. */
    HEADER("header"),
    /** The Ed25519 public key that signed the checkpoints and the bundle. */
    KEY("key"),
    /** A signed checkpoint; the last one is the anchor the entries are proven against. */
    CHECKPOINT("checkpoint"),
    /** An RFC 9162 consistency proof between two checkpoints of the bundle. */
    CONSISTENCY("consistency"),
    /** A log entry; its leaf hash is SHA-256(0x00 || the line's bytes). */
    ENTRY("entry"),
    /** The hash of a perfect subtree holding no exported entry. */
    NODE("node"),
    /** Counts, SHA-256 of every line before it, and the signature over that digest. */
    END("end");

    private final String wireName;

    RecordType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the "record" field. */
    public String wireName() {
        return wireName;
    }

    static RecordType of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst().orElse(null);
    }
}
