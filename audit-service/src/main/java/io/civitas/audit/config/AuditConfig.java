package io.civitas.audit.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the audit service. */
@ConfigMapping(prefix = "civitas.audit")
public interface AuditConfig {

    /** Where audit events come from. */
    Events events();

    /** How the chain is verified. */
    Verifier verifier();

    /** The Ed25519 key that signs checkpoints and export bundles. */
    Signing signing();

    /** When signed checkpoints of the Merkle tree are made. */
    Checkpoint checkpoint();

    /** Exports for auditors. */
    Export export();

    /** How long entries are kept. */
    Retention retention();

    /** The audit-event stream. */
    interface Events {

        /** Kafka topic carrying EventEnvelopes (RequestServed, AdminActionPerformed, others stored generically). */
        @WithDefault("civitas.audit.v1")
        String topic();

        /** Kafka topic receiving records that cannot be audited (unparseable, inconsistent, failed write). */
        @WithDefault("civitas.audit.v1.dlq")
        String deadLetterTopic();

        /** Kafka consumer group of all audit-service replicas. */
        @WithDefault("civitas-audit")
        String groupId();
    }

    /** The chain verifier. */
    interface Verifier {

        /** Number of entries read from the database per query while walking the chain. */
        @WithDefault("500")
        int batchSize();
    }

    /** The signing key. */
    interface Signing {

        /** PKCS#8 PEM file of the Ed25519 private key (a mounted Kubernetes Secret); required in production. */
        Optional<Path> privateKeyFile();

        /** Allows a throwaway key generated at start when no key file is set; for development and tests only. */
        @WithDefault("false")
        boolean ephemeralKeyAllowed();
    }

    /** Checkpoint schedule. */
    interface Checkpoint {

        /** A checkpoint is signed once this many entries were appended since the last one. */
        @WithDefault("10000")
        long everyEntries();

        /** A checkpoint is signed this often when entries were appended since the last one. */
        @WithDefault("60")
        long intervalSeconds();
    }

    /** Export streaming. */
    interface Export {

        /** Rows fetched from the database per round trip while streaming. */
        @WithDefault("2000")
        int fetchSize();

        /** The export's progress (entries written) is stored every this many entries. */
        @WithDefault("10000")
        long progressEveryEntries();
    }

    /** Retention. */
    interface Retention {

        /** Entries older than this many days lose their content; leaf and node hashes stay. At least 183. */
        @WithDefault("190")
        int days();
    }
}
