package io.civitas.worker.model;

/**
 * Dimensions of a Llama-shaped test model.
 *
 * @param hidden hidden size (embedding length)
 * @param intermediate feed-forward size
 * @param layers number of transformer layers
 * @param heads attention heads
 * @param kvHeads key/value heads (grouped-query attention)
 * @param vocab vocabulary size
 * @param context maximum positions
 */
public record ModelShape(int hidden, int intermediate, int layers, int heads, int kvHeads, int vocab, int context) {

    /** The tiny shape the worker generates by default: 3.4M parameters, 13.6 MB of F32 weights. */
    public static final ModelShape TINY = new ModelShape(256, 768, 4, 8, 4, 512, 2048);

    /** The shape of TinyLlama-1.1B (a 1B-class Llama): 1.100B parameters. */
    public static final ModelShape LLAMA_1B = new ModelShape(2048, 5632, 22, 32, 4, 32000, 2048);

    public ModelShape {
        if (hidden <= 0 || intermediate <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || context <= 0) {
            throw new IllegalArgumentException("model dimensions must be positive");
        }
        if (hidden % heads != 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("hidden must divide into heads, and heads into kv heads");
        }
        if (vocab < 512) {
            throw new IllegalArgumentException("vocab must hold at least 512 tokens, was " + vocab);
        }
    }

    /** Parameters, embedding table and output head included. */
    public long parameters() {
        long attention = (long) hidden * hidden * 2 + 2L * hidden * kvDim();
        long mlp = 3L * hidden * intermediate;
        long perLayer = attention + mlp + 2L * hidden;
        return 2L * vocab * hidden + layers * perLayer + hidden;
    }

    /** Parameters a decode step reads: everything but the embedding table (one row of it is read). */
    public long parametersReadPerToken() {
        return parameters() - (long) vocab * hidden + hidden;
    }

    /** Size of one attention head. */
    public int headDim() {
        return hidden / heads;
    }

    /** Output size of the key and value projections. */
    public int kvDim() {
        return kvHeads * headDim();
    }
}
