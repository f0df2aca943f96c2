package io.civitas.worker.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * Runs nvidia-smi's GPU query. Any failure (no such command, no driver, a non-zero exit, a timeout) means "no GPUs"
 * and is logged at INFO: CPU-only machines are normal.
 */
final class NvidiaSmi {

    private static final Logger LOGGER = Logger.getLogger(NvidiaSmi.class);

    private final String command;
    private final Duration timeout;

    NvidiaSmi(String command, Duration timeout) {
        if (command == null || command.isBlank() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("need a command and a positive timeout");
        }
        this.command = command;
        this.timeout = timeout;
    }

    /** The listed devices (nvidia-smi's own indices); empty when the command cannot be run or fails. */
    List<GpuDevice> devices() {
        return output().map(NvidiaSmiOutput::parse).orElse(List.of());
    }

    private Optional<String> output() {
        List<String> commandLine = new ArrayList<>(List.of(command));
        commandLine.addAll(NvidiaSmiOutput.QUERY_ARGUMENTS);
        Process process;
        try {
            process = new ProcessBuilder(commandLine).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOGGER.infof("No GPUs: command=%s cannot be run (%s)", command, e.getMessage());
            return Optional.empty();
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()),
                runnable -> Thread.ofVirtual().name("nvidia-smi-output").start(runnable));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.infof("No GPUs: command=%s did not finish within %d ms", command, timeout.toMillis());
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                LOGGER.infof("No GPUs: command=%s exited with status=%d", command, process.exitValue());
                return Optional.empty();
            }
            return Optional.of(stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.infof("No GPUs: the output of command=%s could not be read (%s)", command, e.getMessage());
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
