package io.civitas.worker.upstream;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vLLM's free KV-cache capacity in tokens, read from its Prometheus metrics ({@code GET /metrics}): the cache's size
 * from {@code vllm:cache_config_info} (labels {@code num_gpu_blocks} and {@code block_size}) and the share in use from
 * {@code vllm:kv_cache_usage_perc} (vLLM's V1 engine) or {@code vllm:gpu_cache_usage_perc} (earlier versions), a
 * fraction between 0 and 1. Servers without these metrics (TGI, llama.cpp's server, NIM) give nothing.
 */
final class VllmKvCache {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private VllmKvCache() {
    }

    /** Free tokens in the cache, when the metrics text says how big it is and how full. */
    static OptionalLong freeTokens(String metrics) {
        OptionalLong size = OptionalLong.empty();
        OptionalDouble usage = OptionalDouble.empty();
        for (String line : metrics.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            String name = sample.group(1);
            if (name.equals("vllm:cache_config_info") && size.isEmpty()) {
                size = size(labels(sample.group(3)));
            } else if ((name.equals("vllm:kv_cache_usage_perc") || name.equals("vllm:gpu_cache_usage_perc"))
                    && usage.isEmpty()) {
                usage = fraction(sample.group(4));
            }
        }
        if (size.isEmpty() || usage.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.round(size.getAsLong() * (1 - usage.getAsDouble())));
    }

    private static OptionalLong size(Map<String, String> labels) {
        try {
            long blocks = Long.parseLong(labels.getOrDefault("num_gpu_blocks", ""));
            long blockSize = Long.parseLong(labels.getOrDefault("block_size", ""));
            return blocks > 0 && blockSize > 0 ? OptionalLong.of(blocks * blockSize) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // "None" before the cache is allocated
        }
    }

    private static OptionalDouble fraction(String value) {
        try {
            double v = Double.parseDouble(value);
            return v >= 0 && v <= 1 ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
