package io.civitas.audit.verifier.checkpoint;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;

/** A checkpoint and the base64 Ed25519 signature of its {@link Checkpoint#signedBytes()}. */
public record SignedCheckpoint(Checkpoint checkpoint, String signature) {

    public SignedCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs the checkpoint. */
    public static SignedCheckpoint sign(Checkpoint checkpoint, PrivateKey key) {
        return new SignedCheckpoint(checkpoint,
                Base64.getEncoder().encodeToString(Ed25519.sign(key, checkpoint.signedBytes())));
    }

    /** True when the signature is the key's over the checkpoint. */
    public boolean verify(PublicKey key) {
        try {
            return Ed25519.verify(key, checkpoint.signedBytes(), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
