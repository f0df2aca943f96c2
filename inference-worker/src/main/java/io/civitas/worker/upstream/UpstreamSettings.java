package io.civitas.worker.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the upstream of one model.
 *
 * @param modelId the id requests name
 * @param baseUrl the server's base URL (paths /v1/... are resolved against it)
 * @param upstreamModel the model name the server serves
 * @param contextLength context length when the server does not report max_model_len
 * @param apiKey bearer token, when the server requires one
 * @param connectTimeout connection timeout
 * @param retry wait between attempts while the server is not up
 * @param maxSequences requests in flight at once (HTTP connections)
 */
public record UpstreamSettings(String modelId, URI baseUrl, String upstreamModel, Optional<Integer> contextLength,
        Optional<String> apiKey, Duration connectTimeout, Duration retry, int maxSequences) {

    public UpstreamSettings {
        if (modelId == null || baseUrl == null || upstreamModel == null || maxSequences < 1
                || connectTimeout.isNegative() || retry.isNegative()) {
            throw new IllegalArgumentException("invalid upstream settings");
        }
    }
}
