package io.civitas.audit.verifier;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import io.civitas.audit.verifier.checkpoint.Ed25519;
import io.civitas.audit.verifier.verify.BundleConsistency;
import io.civitas.audit.verifier.verify.BundleVerifier;
import io.civitas.audit.verifier.verify.Check;
import io.civitas.audit.verifier.verify.Report;

/**
 * The offline verifier: {@code verify [--public-key FILE] BUNDLE} and
 * {@code consistent [--public-key FILE] EARLIER LATER}. Prints one line per check; exits 0 only when every check
 * holds, 1 when one fails, 2 on a usage or read error.
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar civitas-audit-verifier.jar verify [--public-key KEY.pem] BUNDLE.jsonl
                   java -jar civitas-audit-verifier.jar consistent [--public-key KEY.pem] EARLIER.jsonl LATER.jsonl
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the command and returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        List<String> files = new ArrayList<>();
        Path keyFile = null;
        for (int i = 1; i < args.length; i++) {
            if ("--public-key".equals(args[i]) && i + 1 < args.length) {
                keyFile = Path.of(args[++i]);
            } else {
                files.add(args[i]);
            }
        }
        String command = args.length == 0 ? "" : args[0];
        try {
            PublicKey pinned = keyFile == null ? null
                    : Ed25519.publicKeyFromPem(Files.readString(keyFile, StandardCharsets.US_ASCII));
            List<Check> checks;
            if ("verify".equals(command) && files.size() == 1) {
                checks = verify(Path.of(files.getFirst()), pinned).checks();
            } else if ("consistent".equals(command) && files.size() == 2) {
                checks = BundleConsistency.check(verify(Path.of(files.get(0)), pinned),
                        verify(Path.of(files.get(1)), pinned));
            } else {
                out.print(USAGE);
                return 2;
            }
            checks.forEach(c -> out.println(c.line()));
            boolean holds = checks.stream().allMatch(Check::holds);
            out.println(holds ? "VERIFIED" : "NOT VERIFIED");
            return holds ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            out.println("ERROR  " + e.getMessage());
            return 2;
        }
    }

    private static Report verify(Path bundle, PublicKey pinned) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(bundle))) {
            return new BundleVerifier(pinned).verify(in);
        }
    }
}
