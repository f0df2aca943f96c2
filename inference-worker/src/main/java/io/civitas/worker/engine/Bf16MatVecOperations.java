package io.civitas.worker.engine;

import static io.civitas.worker.engine.Bf16Vectors.BF16;
import static io.civitas.worker.engine.Bf16Vectors.F32;
import static io.civitas.worker.engine.Bf16Vectors.FLOATS;
import static io.civitas.worker.engine.Bf16Vectors.LANES;
import static io.civitas.worker.engine.Bf16Vectors.OUT;
import static io.civitas.worker.engine.Bf16Vectors.widen;

import java.lang.foreign.MemorySegment;

import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.operations.TensorOperations;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Jlama's tensor operations with faster matrix products for BF16 weights: the matrix-vector product that decodes a
 * token, and the product of several activation rows that prefills a prompt ({@link Bf16RowBlocks}).
 *
 * <p>Decoding one token multiplies one activation row by every weight matrix, so it is bound by how fast the weights
 * stream from memory. Jlama 0.8.4 does this product with one vector accumulator per output, so every fused
 * multiply-add waits for the one before it, and it reads the activation as BF16 vectors widened again for every weight
 * row; in a microbenchmark on the project's build machine that streams BF16 weights at about 75 % of the rate a
 * plain read reaches. This class widens the activation row to floats once per call and keeps four independent
 * accumulators, which streams at about 95 % of it (docs/benchmarks.md). Products stay exact (BF16 × BF16 or BF16 × F32
 * in F32, as Jlama's); only the order of the additions differs, so results can differ from Jlama's in the last bits.
 * The rows of every product are shared across the {@link MatVecTeam}.
 *
 * <p>The product of several F32 activation rows (prompt prefill, compute-bound) is {@link Bf16RowBlocks}' (about
 * three times Jlama's speed on the build machine), its rows shared across the team too; other products (F32 weights,
 * BF16 activations) are Jlama's, their rows shared across the team; everything else is Jlama's own. {@link
 * JlamaRuntime} puts an instance in front of the operations Jlama picked; Jlama's model code asks its provider for
 * them on every call.
 */
public final class Bf16MatVecOperations implements TensorOperations {

    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[0]);

    private final TensorOperations jlama;
    private final MatVecTeam team;

    Bf16MatVecOperations(TensorOperations jlama, MatVecTeam team) {
        this.jlama = jlama;
        this.team = team;
    }

    @Override
    public String name() {
        return jlama.name() + " + BF16 matrix-vector product";
    }

    /**
     * Jlama's parallel loops cut their range into this many pieces, run one after the other on the generating thread
     * (see {@link JlamaRuntime}); the team shares each piece's rows. At 1 Jlama would cut a range into single rows.
     */
    @Override
    public int parallelSplitSize() {
        return 2;
    }

    /**
     * {@code result[i, j + rOffset] = a[i, aColumnOffset ..+ columnLength] · b[j, bColumnOffset ..+ columnLength]}
     * for every row i of a and j in {@code [bRowOffset, bRowOffset + rowChunkSize)}.
     */
    @Override
    public void batchDotProduct(AbstractTensor result, AbstractTensor a, AbstractTensor b, int aColumnOffset,
            int bColumnOffset, int columnLength, int rOffset, int bRowOffset, int rowChunkSize) {
        if (b.dType() == DType.BF16 && a.dType() == DType.F32 && a.dims() == 2 && a.shape().first() > 1
                && result.dType() == DType.F32) {
            Bf16RowBlocks.Operands operands = rowBlocks(result, a, b, aColumnOffset, bColumnOffset, columnLength,
                    rOffset, bRowOffset, rowChunkSize);
            team.run(0, rowChunkSize, Product.of(operands));
            return;
        }
        if (b.dType() != DType.BF16 || a.dims() != 2 || a.shape().first() != 1 || result.dType() != DType.F32
                || (a.dType() != DType.BF16 && a.dType() != DType.F32)) {
            if (rOffset != 0) {
                jlama.batchDotProduct(result, a, b, aColumnOffset, bColumnOffset, columnLength, rOffset, bRowOffset,
                        rowChunkSize);
                return;
            }
            team.run(bRowOffset, bRowOffset + rowChunkSize, (from, to) -> jlama.batchDotProduct(result, a, b,
                    aColumnOffset, bColumnOffset, columnLength, 0, from, to - from));
            return;
        }
        float[] x = activationRow(a, aColumnOffset, columnLength);
        MemorySegment weights = b.getMemorySegment();
        long firstRow = b.getMemorySegmentOffset(b.getOffset(bRowOffset, bColumnOffset));
        long rowBytes = rowBytes(b, bRowOffset, bColumnOffset, rowChunkSize, firstRow);
        MemorySegment out = result.getMemorySegment();
        long firstOut = result.getMemorySegmentOffset(result.getOffset(0, bRowOffset + rOffset));
        team.run(0, rowChunkSize, new Product(weights, firstRow, rowBytes, x, columnLength, out, firstOut, null));
    }

    /**
     * The rows of a one-row product (decode) or, when {@code blocks} is set, of a several-row product (prefill) that
     * the team shares. One class for both on purpose: with the prefill's rows a second class the team's calls see,
     * the JIT compiled the decode's shares a quarter slower (11.7-12.2 against 8.8-9.2 tokens/s on the 1.1B model);
     * Jlama's products (the other class the team sees) leave it as fast.
     */
    private record Product(MemorySegment weights, long firstRow, long rowBytes, float[] x, int columnLength,
            MemorySegment out, long firstOut, Bf16RowBlocks.Operands blocks) implements MatVecTeam.Rows {

        static Product of(Bf16RowBlocks.Operands blocks) {
            return new Product(null, 0, 0, null, 0, null, 0, blocks);
        }

        @Override
        public void run(int from, int to) {
            if (blocks != null) {
                Bf16RowBlocks.multiply(blocks, from, to);
                return;
            }
            for (int j = from; j < to; j++) {
                out.set(OUT, firstOut + 4L * j, dot(weights, firstRow + rowBytes * j, x, columnLength));
            }
        }
    }

    /** Where the operands of a product of several activation rows lie; weight and result rows from bRowOffset. */
    private static Bf16RowBlocks.Operands rowBlocks(AbstractTensor result, AbstractTensor a, AbstractTensor b,
            int aColumnOffset, int bColumnOffset, int columnLength, int rOffset, int bRowOffset, int rowChunkSize) {
        int rows = a.shape().first();
        long[] activationRows = new long[rows];
        long[] outRows = new long[rows];
        for (int i = 0; i < rows; i++) {
            activationRows[i] = a.getMemorySegmentOffset(a.getOffset(i, aColumnOffset));
            outRows[i] = result.getMemorySegmentOffset(result.getOffset(i, bRowOffset + rOffset));
        }
        long firstWeight = b.getMemorySegmentOffset(b.getOffset(bRowOffset, bColumnOffset));
        return new Bf16RowBlocks.Operands(b.getMemorySegment(), firstWeight,
                rowBytes(b, bRowOffset, bColumnOffset, rowChunkSize, firstWeight), a.getMemorySegment(),
                activationRows, result.getMemorySegment(), outRows, columnLength);
    }

    /** Bytes from one weight row to the next (0 when only one row is used), row {@code row} being at {@code first}. */
    private static long rowBytes(AbstractTensor b, int row, int column, int rows, long first) {
        return rows < 2 ? 0 : b.getMemorySegmentOffset(b.getOffset(row + 1, column)) - first;
    }

    /** Row 0 of a from the given column, widened to floats in this thread's scratch array. */
    private static float[] activationRow(AbstractTensor a, int column, int length) {
        float[] x = ROW.get();
        if (x.length < length) {
            x = new float[length];
            ROW.set(x);
        }
        MemorySegment segment = a.getMemorySegment();
        long offset = a.getMemorySegmentOffset(a.getOffset(0, column));
        if (a.dType() == DType.F32) {
            MemorySegment.copy(segment, F32, offset, x, 0, length);
            return x;
        }
        int i = 0;
        for (; i + LANES <= length; i += LANES) {
            widen(segment, offset + 2L * i).intoArray(x, i);
        }
        for (; i < length; i++) {
            x[i] = widen(segment.get(BF16, offset + 2L * i));
        }
        return x;
    }

    /** The dot product of length BF16 values at offset with x[0 .. length), four accumulators wide. */
    private static float dot(MemorySegment w, long offset, float[] x, int length) {
        FloatVector s0 = FloatVector.zero(FLOATS);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int i = 0;
        for (; i + 4 * LANES <= length; i += 4 * LANES) {
            long at = offset + 2L * i;
            s0 = widen(w, at).fma(FloatVector.fromArray(FLOATS, x, i), s0);
            s1 = widen(w, at + 2L * LANES).fma(FloatVector.fromArray(FLOATS, x, i + LANES), s1);
            s2 = widen(w, at + 4L * LANES).fma(FloatVector.fromArray(FLOATS, x, i + 2 * LANES), s2);
            s3 = widen(w, at + 6L * LANES).fma(FloatVector.fromArray(FLOATS, x, i + 3 * LANES), s3);
        }
        for (; i + LANES <= length; i += LANES) {
            s0 = widen(w, offset + 2L * i).fma(FloatVector.fromArray(FLOATS, x, i), s0);
        }
        float sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) {
            sum += widen(w.get(BF16, offset + 2L * i)) * x[i];
        }
        return sum;
    }

    @Override
    public void accumulate(AbstractTensor a, AbstractTensor b, int offset, int length) {
        jlama.accumulate(a, b, offset, length);
    }

    @Override
    public void maccumulate(AbstractTensor a, AbstractTensor b, int offset, int length) {
        jlama.maccumulate(a, b, offset, length);
    }

    @Override
    public void saxpy(float alpha, AbstractTensor x, AbstractTensor y, int xoffset, int yoffset, int limit) {
        jlama.saxpy(alpha, x, y, xoffset, yoffset, limit);
    }

    @Override
    public void saxpy(AbstractTensor alpha, AbstractTensor x, AbstractTensor y, int xoffset, int yoffset, int rlimit,
            int climit, int batchSize, int bsize) {
        jlama.saxpy(alpha, x, y, xoffset, yoffset, rlimit, climit, batchSize, bsize);
    }

    @Override
    public void scale(float factor, AbstractTensor x, int offset, int length) {
        jlama.scale(factor, x, offset, length);
    }

    @Override
    public AbstractTensor quantize(AbstractTensor t, DType qtype, int offset, int length) {
        return jlama.quantize(t, qtype, offset, length);
    }
}
