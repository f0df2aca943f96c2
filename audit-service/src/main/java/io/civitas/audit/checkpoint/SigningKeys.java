package io.civitas.audit.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;

import io.civitas.audit.config.AuditConfig;
import io.civitas.audit.verifier.checkpoint.Ed25519;

/**
 * The Ed25519 key pair that signs checkpoints and bundles: read from a PKCS#8 PEM file (a mounted Kubernetes
 * Secret), its public half derived from it. Without a file the service refuses to start, unless a throwaway key is
 * explicitly allowed (development and tests).
 */
public record SigningKeys(PrivateKey privateKey, PublicKey publicKey, String keyId) {

    /** Loads the key the configuration names; fails closed. */
    public static SigningKeys load(AuditConfig.Signing config) {
        Optional<Path> file = config.privateKeyFile();
        if (file.isPresent()) {
            try {
                return of(Ed25519.privateKeyFromPem(Files.readString(file.get(), StandardCharsets.US_ASCII)));
            } catch (IOException | IllegalArgumentException e) {
                throw new SigningKeyException("cannot read the Ed25519 signing key from " + file.get(), e);
            }
        }
        if (config.ephemeralKeyAllowed()) {
            return of(generate().getPrivate());
        }
        throw new SigningKeyException("no signing key: set civitas.audit.signing.private-key-file to a PKCS#8 PEM "
                + "Ed25519 key", null);
    }

    /** The pair of a private key; the public key is derived by regenerating the pair from the key's seed. */
    static SigningKeys of(PrivateKey privateKey) {
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new SigningKeyException("the private key does not expose its seed", null));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(Ed25519.ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            return new SigningKeys(privateKey, pair.getPublic(), Ed25519.keyId(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException("cannot derive the Ed25519 public key", e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(Ed25519.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException("cannot generate an Ed25519 key", e);
        }
    }

    /** Hands the key generator the private key's seed instead of random bytes. */
    private static final class SeedRandom extends SecureRandom {

        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
