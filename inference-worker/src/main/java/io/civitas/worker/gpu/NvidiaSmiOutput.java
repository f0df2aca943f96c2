package io.civitas.worker.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jboss.logging.Logger;

/** Parses {@code nvidia-smi --query-gpu=index,uuid,name,memory.total --format=csv,noheader,nounits}. */
final class NvidiaSmiOutput {

    /** The arguments that make nvidia-smi print what {@link #parse} reads. */
    static final List<String> QUERY_ARGUMENTS = List.of("--query-gpu=index,uuid,name,memory.total",
            "--format=csv,noheader,nounits");

    private static final Logger LOGGER = Logger.getLogger(NvidiaSmiOutput.class);
    private static final long MIB = 1024L * 1024L;

    private NvidiaSmiOutput() {
    }

    /**
     * The devices, one per line ("0, GPU-…, NVIDIA H100 80GB HBM3, 81559": memory in MiB); a name may contain
     * commas. Lines that do not parse are skipped with a warning; memory "[N/A]" becomes 0.
     */
    static List<GpuDevice> parse(String output) {
        List<GpuDevice> devices = new ArrayList<>();
        for (String line : output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] fields = Arrays.stream(line.split(",")).map(String::strip).toArray(String[]::new);
            try {
                if (fields.length < 4) {
                    throw new IllegalArgumentException("expected 4 fields");
                }
                String name = String.join(", ", Arrays.copyOfRange(fields, 2, fields.length - 1));
                devices.add(new GpuDevice(Integer.parseInt(fields[0]), fields[1], name,
                        memoryBytes(fields[fields.length - 1])));
            } catch (IllegalArgumentException e) {
                LOGGER.warnf("Skipping an nvidia-smi line that does not parse: line=\"%s\" error=\"%s\"", line,
                        e.getMessage());
            }
        }
        return devices;
    }

    private static long memoryBytes(String mib) {
        return mib.startsWith("[") ? 0 : Long.parseLong(mib) * MIB;
    }
}
