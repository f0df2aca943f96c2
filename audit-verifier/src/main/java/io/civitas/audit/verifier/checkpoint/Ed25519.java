package io.civitas.audit.verifier.checkpoint;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import io.civitas.audit.verifier.merkle.MerkleHash;

/** Ed25519 keys in PEM (PKCS#8 private, X.509 SubjectPublicKeyInfo public) and signatures, with the JDK provider. */
public final class Ed25519 {

    /** JCA name of the algorithm. */
    public static final String ALGORITHM = "Ed25519";

    private static final String PUBLIC_PEM = "PUBLIC KEY";
    private static final String PRIVATE_PEM = "PRIVATE KEY";

    private Ed25519() {
    }

    /** Reads a PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----"). */
    public static PrivateKey privateKeyFromPem(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, PRIVATE_PEM)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key", e);
        }
    }

    /** Reads an X.509 PEM public key ("-----BEGIN PUBLIC KEY-----"). */
    public static PublicKey publicKeyFromPem(String pem) {
        return publicKeyFromDer(pemBody(pem, PUBLIC_PEM));
    }

    /** Reads a DER SubjectPublicKeyInfo. */
    public static PublicKey publicKeyFromDer(byte[] der) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** The public key as PEM. */
    public static String toPem(PublicKey key) {
        return "-----BEGIN " + PUBLIC_PEM + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded())
                + "\n-----END " + PUBLIC_PEM + "-----\n";
    }

    /** Key id: the first 16 hex digits of SHA-256 over the DER public key. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(MerkleHash.sha256(key.getEncoded()), 0, 8);
    }

    /** Signs the message. */
    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when {@code signature} is the key's signature of the message. */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("PEM block " + type + " not found");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block " + type + " is not base64", e);
        }
    }
}
