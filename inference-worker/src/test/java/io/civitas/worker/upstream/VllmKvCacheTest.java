package io.civitas.worker.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VllmKvCacheTest {

    private static final String CONFIG = """
            # HELP vllm:cache_config_info Information of the LLMEngine CacheConfig
            # TYPE vllm:cache_config_info gauge
            vllm:cache_config_info{block_size="16",cache_dtype="auto",enable_prefix_caching="True",\
            gpu_memory_utilization="0.9",num_cpu_blocks="None",num_gpu_blocks="27306",swap_space="0"} 1.0
            """;

    @Test
    void shouldTakeTheFreeShareOfTheCacheFromTheV1EnginesUsage() {
        String metrics = CONFIG + """
                # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
                # TYPE vllm:kv_cache_usage_perc gauge
                vllm:kv_cache_usage_perc{engine="0",model_name="mistralai/Mistral-7B-Instruct-v0.3"} 0.25
                """;

        assertThat(VllmKvCache.freeTokens(metrics)).hasValue(327_672); // 27306 blocks x 16 tokens x 0.75
    }

    @Test
    void shouldReadTheUsageMetricOfEarlierVersions() {
        String metrics = CONFIG + "vllm:gpu_cache_usage_perc{model_name=\"m\"} 0.0\n";

        assertThat(VllmKvCache.freeTokens(metrics)).hasValue(436_896);
    }

    @Test
    void shouldGiveNothingWithoutTheCachesSizeOrUsage() {
        assertThat(VllmKvCache.freeTokens("vllm:kv_cache_usage_perc{engine=\"0\"} 0.5\n")).isEmpty();
        assertThat(VllmKvCache.freeTokens(CONFIG)).isEmpty();
        assertThat(VllmKvCache.freeTokens(CONFIG.replace("\"27306\"", "\"None\"")
                + "vllm:kv_cache_usage_perc 0.5\n")).isEmpty();
        assertThat(VllmKvCache.freeTokens("tgi_queue_size 3\n")).isEmpty();
        assertThat(VllmKvCache.freeTokens(CONFIG + "vllm:kv_cache_usage_perc 7\n")).isEmpty();
    }
}
