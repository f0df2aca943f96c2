package io.civitas.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.civitas.audit.verifier.checkpoint.Ed25519;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void shouldExitZeroAndSayVerifiedOnlyWhenEveryCheckHolds() throws Exception {
        // Given
        MemoryLog log = new MemoryLog(7);
        for (int i = 0; i < 12; i++) {
            log.append(i % 2 == 0 ? "tenant-a" : "tenant-b");
        }
        log.checkpoint();
        byte[] bundle = log.export(1, 12, "tenant-a", log.checkpoints());
        Path good = Files.write(dir.resolve("good.jsonl"), bundle);
        Path bad = Files.write(dir.resolve("bad.jsonl"), new String(bundle, StandardCharsets.UTF_8)
                .replaceFirst("\"promptTokens\":\\d+", "\"promptTokens\":999999").getBytes(StandardCharsets.UTF_8));
        Path key = Files.writeString(dir.resolve("key.pem"), Ed25519.toPem(log.keys().getPublic()));

        // When
        Run accepted = run("verify", "--public-key", key.toString(), good.toString());
        Run rejected = run("verify", "--public-key", key.toString(), bad.toString());
        Run usage = run("verify");

        // Then
        assertThat(accepted.status()).isZero();
        assertThat(accepted.output()).contains("HOLDS  merkle root", "VERIFIED").doesNotContain("FAILS");
        assertThat(rejected.status()).isEqualTo(1);
        assertThat(rejected.output()).contains("FAILS  merkle root", "FAILS  bundle signature", "NOT VERIFIED");
        assertThat(usage.status()).isEqualTo(2);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String output) {
    }
}
