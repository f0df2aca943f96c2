package io.civitas.audit.verifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;

import io.civitas.audit.verifier.verify.BundleVerifier;
import io.civitas.audit.verifier.verify.Report;

/** Verifies bundles held in memory. */
public final class Bundles {

    private Bundles() {
    }

    public static Report verify(byte[] bundle, PublicKey pinned) {
        try {
            return new BundleVerifier(pinned).verify(new ByteArrayInputStream(bundle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
