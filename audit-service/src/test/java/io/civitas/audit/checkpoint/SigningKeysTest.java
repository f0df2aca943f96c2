package io.civitas.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.civitas.audit.config.AuditConfig;
import io.civitas.audit.verifier.checkpoint.Ed25519;

class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadAPkcs8PemKeyAndDeriveItsPublicKey() throws Exception {
        // Given
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path file = Files.writeString(dir.resolve("signing.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        // When
        SigningKeys keys = SigningKeys.load(signing(Optional.of(file), false));

        // Then
        assertThat(keys.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(keys.keyId()).isEqualTo(Ed25519.keyId(pair.getPublic()));
        byte[] signature = Ed25519.sign(keys.privateKey(), new byte[] { 1, 2, 3 });
        assertThat(Ed25519.verify(pair.getPublic(), new byte[] { 1, 2, 3 }, signature)).isTrue();
    }

    @Test
    void shouldRefuseToStartWithoutAKeyUnlessAThrowawayKeyIsAllowed() {
        // Given
        AuditConfig.Signing none = signing(Optional.empty(), false);

        // When
        Throwable refused = catchThrowable(() -> SigningKeys.load(none));

        // Then
        assertThat(refused).isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("civitas.audit.signing.private-key-file");
        assertThat(SigningKeys.load(signing(Optional.empty(), true)).keyId()).hasSize(16);
    }

    @Test
    void shouldRefuseAnUnreadableOrMissingKeyFileEvenWhenThrowawayKeysAreAllowed() throws Exception {
        // Given
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key");
        Path missing = dir.resolve("missing.pem");

        // When
        Throwable unreadable = catchThrowable(() -> SigningKeys.load(signing(Optional.of(garbage), true)));
        Throwable absent = catchThrowable(() -> SigningKeys.load(signing(Optional.of(missing), true)));

        // Then
        assertThat(unreadable).isInstanceOf(SigningKeyException.class);
        assertThat(absent).isInstanceOf(SigningKeyException.class);
    }

    private static AuditConfig.Signing signing(Optional<Path> file, boolean ephemeralAllowed) {
        return new AuditConfig.Signing() {
            @Override
            public Optional<Path> privateKeyFile() {
                return file;
            }

            @Override
            public boolean ephemeralKeyAllowed() {
                return ephemeralAllowed;
            }
        };
    }
}
