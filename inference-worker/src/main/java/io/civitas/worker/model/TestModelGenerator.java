package io.civitas.worker.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.civitas.worker.model.SafetensorsWriter.Tensor;

/**
 * Generates a small Llama-architecture model in the Hugging Face layout (config.json, tokenizer.json,
 * tokenizer_config.json, model.safetensors) from one seeded random stream, so that tests and local runs need no
 * download and carry no licence question.
 *
 * <p>The weights use the "successor" construction: token embeddings are random vectors with RMS 1, row v of the
 * output head is {@code 8/sqrt(hidden) * E[v-1]}, and the attention/MLP output projections are scaled by 0.1, so
 * that greedy decoding always continues with the next token id by a logit margin of about 100. {@code <s>}
 * continues with {@code </s>}, and the last id wraps round to the first byte token, so generation never ends
 * unless it starts at {@code <s>}. The output is exact, deterministic and human-checkable.
 */
public final class TestModelGenerator {

    /** The seed of the default model. */
    public static final long DEFAULT_SEED = 42L;

    private static final float OUTPUT_PROJECTION_SCALE = 0.1f;
    private static final float HEAD_SCALE = 8f;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the tiny default model into {@code dir} (created if needed; existing files are replaced). */
    public static void generate(Path dir) {
        new TestModelGenerator().generate(dir, ModelShape.TINY, DEFAULT_SEED);
    }

    /** Writes a model of the given shape, from the given seed, into {@code dir}, with F32 weights. */
    public void generate(Path dir, ModelShape shape, long seed) {
        generate(dir, shape, seed, false);
    }

    /**
     * Writes a model of the given shape, from the given seed, into {@code dir}, with BF16 weights when {@code bf16}
     * (how 1B-class Llama models are distributed) and F32 otherwise.
     */
    public void generate(Path dir, ModelShape shape, long seed, boolean bf16) {
        TestVocabulary vocabulary = TestVocabulary.build(shape.vocab());
        try {
            Files.createDirectories(dir);
            json.writeValue(dir.resolve("config.json").toFile(), config(shape, bf16));
            json.writeValue(dir.resolve("tokenizer.json").toFile(), TokenizerJson.of(vocabulary));
            json.writeValue(dir.resolve("tokenizer_config.json").toFile(), TokenizerJson.config(shape));
            // Written last: its presence marks a complete model for readers that check model.safetensors.
            Path weights = dir.resolve("model.safetensors.tmp");
            SafetensorsWriter.write(weights, tensors(shape, new Random(seed)),
                    bf16 ? SafetensorsWriter.DType.BF16 : SafetensorsWriter.DType.F32, json);
            Files.move(weights, dir.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test model to " + dir, e);
        }
    }

    private static Map<String, Object> config(ModelShape shape, boolean bf16) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of("LlamaForCausalLM"));
        config.put("model_type", "llama");
        config.put("hidden_size", shape.hidden());
        config.put("intermediate_size", shape.intermediate());
        config.put("num_hidden_layers", shape.layers());
        config.put("num_attention_heads", shape.heads());
        config.put("num_key_value_heads", shape.kvHeads());
        config.put("max_position_embeddings", shape.context());
        config.put("vocab_size", shape.vocab());
        config.put("rms_norm_eps", 1e-5);
        config.put("rope_theta", 10000.0);
        config.put("hidden_act", "silu");
        config.put("bos_token_id", TestVocabulary.BOS);
        config.put("eos_token_id", TestVocabulary.EOS);
        config.put("tie_word_embeddings", false);
        config.put("torch_dtype", bf16 ? "bfloat16" : "float32");
        return config;
    }

    private static List<Tensor> tensors(ModelShape s, Random random) {
        List<Tensor> tensors = new ArrayList<>();
        float[] embeddings = embeddings(s, random);
        tensors.add(new Tensor("model.embed_tokens.weight", new int[] {s.vocab(), s.hidden()}, embeddings));
        for (int layer = 0; layer < s.layers(); layer++) {
            String base = "model.layers." + layer + ".";
            tensors.add(new Tensor(base + "input_layernorm.weight", new int[] {s.hidden()}, ones(s.hidden())));
            tensors.add(linear(base + "self_attn.q_proj.weight", s.hidden(), s.hidden(), 1f, random));
            tensors.add(linear(base + "self_attn.k_proj.weight", s.kvDim(), s.hidden(), 1f, random));
            tensors.add(linear(base + "self_attn.v_proj.weight", s.kvDim(), s.hidden(), 1f, random));
            tensors.add(linear(base + "self_attn.o_proj.weight", s.hidden(), s.hidden(), OUTPUT_PROJECTION_SCALE,
                    random));
            tensors.add(new Tensor(base + "post_attention_layernorm.weight", new int[] {s.hidden()},
                    ones(s.hidden())));
            tensors.add(linear(base + "mlp.gate_proj.weight", s.intermediate(), s.hidden(), 1f, random));
            tensors.add(linear(base + "mlp.up_proj.weight", s.intermediate(), s.hidden(), 1f, random));
            tensors.add(linear(base + "mlp.down_proj.weight", s.hidden(), s.intermediate(), OUTPUT_PROJECTION_SCALE,
                    random));
        }
        tensors.add(new Tensor("model.norm.weight", new int[] {s.hidden()}, ones(s.hidden())));
        tensors.add(new Tensor("lm_head.weight", new int[] {s.vocab(), s.hidden()}, successorHead(s, embeddings)));
        return tensors;
    }

    /** Random unit directions scaled to RMS 1. */
    private static float[] embeddings(ModelShape s, Random random) {
        float[] e = new float[s.vocab() * s.hidden()];
        for (int row = 0; row < s.vocab(); row++) {
            double sumSquares = 0;
            for (int i = 0; i < s.hidden(); i++) {
                float v = (float) random.nextGaussian();
                e[row * s.hidden() + i] = v;
                sumSquares += v * v;
            }
            float scale = (float) Math.sqrt(s.hidden() / sumSquares);
            for (int i = 0; i < s.hidden(); i++) {
                e[row * s.hidden() + i] *= scale;
            }
        }
        return e;
    }

    /**
     * Row v scores the embedding of v's predecessor: v-1 for v >= 1, and the last id for the first byte token
     * (which also keeps {@code </s>} as its predecessor). Row 0 ({@code <unk>}) stays zero.
     */
    private static float[] successorHead(ModelShape s, float[] embeddings) {
        int h = s.hidden();
        float scale = HEAD_SCALE / (float) Math.sqrt(h);
        float[] head = new float[s.vocab() * h];
        for (int v = 1; v < s.vocab(); v++) {
            addScaled(head, v, embeddings, v - 1, scale, h);
        }
        addScaled(head, TestVocabulary.FIRST_BYTE, embeddings, s.vocab() - 1, scale, h);
        return head;
    }

    private static void addScaled(float[] head, int row, float[] embeddings, int from, float scale, int h) {
        for (int i = 0; i < h; i++) {
            head[row * h + i] += scale * embeddings[from * h + i];
        }
    }

    private static Tensor linear(String name, int out, int in, float scale, Random random) {
        float[] w = new float[out * in];
        float std = scale / (float) Math.sqrt(in);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian() * std;
        }
        return new Tensor(name, new int[] {out, in}, w);
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    /** Writes the tiny model into the directory given as the only argument. */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TestModelGenerator <output-dir>");
        }
        generate(Path.of(args[0]));
    }
}
