package io.civitas.audit.checkpoint;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.civitas.audit.config.AuditConfig;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;
import io.quarkus.scheduler.Scheduled;

/** Signs a checkpoint every N entries (after an append) and every T seconds when entries were appended since. */
@ApplicationScoped
public class Checkpointer {

    private static final Logger LOGGER = Logger.getLogger(Checkpointer.class);

    private final CheckpointStore store;
    private final AuditConfig config;
    private volatile long lastSize = -1;

    public Checkpointer(CheckpointStore store, AuditConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Signs a checkpoint when {@code treeSize} is N or more entries past the last one. */
    public void afterAppend(long treeSize) {
        if (lastSize < 0) {
            lastSize = store.latest().map(c -> c.checkpoint().treeSize()).orElse(0L);
        }
        if (treeSize - lastSize >= config.checkpoint().everyEntries()) {
            checkpoint();
        }
    }

    @Scheduled(every = "${civitas.audit.checkpoint.interval-seconds:60}s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        store.checkpointNow().ifPresent(this::remember);
    }

    /** Signs a checkpoint of the tree as it stands now, or returns the latest when nothing was appended since. */
    public SignedCheckpoint checkpoint() {
        SignedCheckpoint signed = store.checkpointNow().orElseThrow(
                () -> new IllegalStateException("the audit log is empty; nothing to checkpoint"));
        remember(signed);
        return signed;
    }

    private void remember(SignedCheckpoint signed) {
        if (signed.checkpoint().treeSize() != lastSize) {
            LOGGER.debugf("Checkpoint tree_size=%d root=%s", signed.checkpoint().treeSize(),
                    signed.checkpoint().rootHash());
        }
        lastSize = signed.checkpoint().treeSize();
    }
}
