package io.civitas.worker.placement;

/**
 * Where generations of this worker run, reported with every request for usage, billing and audit.
 *
 * @param workerId worker id
 * @param node machine name
 * @param gpu GPU name, "none" on CPU
 * @param region region
 * @param engine inference engine
 */
public record Placement(String workerId, String node, String gpu, String region, String engine) {

    /** The engine of this worker: Jlama on the CPU. */
    public static final String JLAMA_CPU = "jlama-cpu";

    public Placement {
        if (isBlank(workerId) || isBlank(node) || isBlank(gpu) || isBlank(region) || isBlank(engine)) {
            throw new IllegalArgumentException("placement fields must not be blank");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
