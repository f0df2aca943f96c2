package io.civitas.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * An Ed25519 key pair for audit-service's checkpoint signatures, as an operator creates it for a Kubernetes
 * Secret: the private key as PKCS#8 PEM (readable only by its owner), the public key as an X.509 PEM that auditors
 * pin.
 */
public record AuditSigningKey(Path privateKeyFile, Path publicKeyFile) {

    public static AuditSigningKey generate(Path dir) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            Path privateKey = dir.resolve("audit-signing.pem");
            Files.deleteIfExists(privateKey);
            Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path publicKey = dir.resolve("audit-signing.pub.pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new AuditSigningKey(privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the audit signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot generate Ed25519 keys", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
