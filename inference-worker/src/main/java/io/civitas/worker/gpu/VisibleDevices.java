package io.civitas.worker.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The devices one of NVIDIA_VISIBLE_DEVICES / CUDA_VISIBLE_DEVICES lets the worker see: unset or "all" means all,
 * "none", "void" or empty means none, otherwise a comma-separated list of indices and UUIDs (or UUID prefixes, as
 * CUDA accepts) in the order the devices are to be numbered.
 *
 * @param all whether every device is visible
 * @param selectors indices and UUIDs, in order; empty with {@code all} false means none
 */
record VisibleDevices(boolean all, List<String> selectors) {

    static final VisibleDevices ALL = new VisibleDevices(true, List.of());

    VisibleDevices {
        selectors = List.copyOf(selectors);
        if (all && !selectors.isEmpty()) {
            throw new IllegalArgumentException("all devices need no selectors");
        }
    }

    /** Reads a variable's value. */
    static VisibleDevices parse(Optional<String> value) {
        String v = value.map(String::strip).orElse("all");
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "all" -> ALL;
            case "", "none", "void" -> new VisibleDevices(false, List.of());
            default -> new VisibleDevices(false,
                    Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        };
    }

    /**
     * Keeps the visible devices, in selector order and without repeats. An index selects the device listed with that
     * index. Like CUDA, a selector that matches no device hides the selectors after it.
     */
    List<GpuDevice> select(List<GpuDevice> devices) {
        if (all) {
            return devices;
        }
        List<GpuDevice> selected = new ArrayList<>();
        for (String selector : selectors) {
            Optional<GpuDevice> match = devices.stream().filter(matches(selector)).findFirst();
            if (match.isEmpty()) {
                break;
            }
            if (!selected.contains(match.get())) {
                selected.add(match.get());
            }
        }
        return selected;
    }

    /** Whether every selector is an index. */
    boolean indicesOnly() {
        return !all && selectors.stream().allMatch(VisibleDevices::isIndex);
    }

    private static Predicate<GpuDevice> matches(String selector) {
        if (isIndex(selector)) {
            int index = Integer.parseInt(selector);
            return d -> d.index() == index;
        }
        return d -> d.uuid().equalsIgnoreCase(selector) || d.uuid().toLowerCase(Locale.ROOT)
                .startsWith(selector.toLowerCase(Locale.ROOT));
    }

    private static boolean isIndex(String selector) {
        return selector.chars().allMatch(Character::isDigit) && selector.length() < 10;
    }
}
