package io.civitas.worker.engine;

import static io.civitas.worker.engine.Bf16Vectors.BF16;
import static io.civitas.worker.engine.Bf16Vectors.F32;
import static io.civitas.worker.engine.Bf16Vectors.FLOATS;
import static io.civitas.worker.engine.Bf16Vectors.LANES;
import static io.civitas.worker.engine.Bf16Vectors.OUT;
import static io.civitas.worker.engine.Bf16Vectors.widen;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The product of several F32 activation rows (a prompt's tokens) with rows of BF16 weights: prompt prefill, bound by
 * arithmetic rather than memory. Four weight rows and three activation rows at a time keep twelve independent
 * accumulators in registers, so each weight vector is widened from BF16 once for three activation rows and each
 * activation vector is loaded once for four weight rows. Each product is exact in F32 and summed in F32, as in the
 * one-row product; only the order of the additions differs from Jlama's.
 */
final class Bf16RowBlocks {

    private static final int WEIGHT_ROWS = 4;
    private static final int ACTIVATION_ROWS = 3;

    /**
     * Where the operands lie.
     *
     * @param weights the BF16 weights; row j starts at {@code firstWeight + weightRowBytes * j}
     * @param activations the F32 activations; row i starts at {@code activationRows[i]}
     * @param out the F32 results; the result of activation row i and weight row j goes to {@code outRows[i] + 4 j}
     * @param length the columns multiplied
     */
    record Operands(MemorySegment weights, long firstWeight, long weightRowBytes, MemorySegment activations,
            long[] activationRows, MemorySegment out, long[] outRows, int length) {
    }

    private Bf16RowBlocks() {
    }

    /** Every activation row times weight rows [from, to). */
    static void multiply(Operands o, int from, int to) {
        int rows = o.activationRows().length;
        int j = from;
        for (; j + WEIGHT_ROWS <= to; j += WEIGHT_ROWS) {
            int i = 0;
            for (; i + ACTIVATION_ROWS <= rows; i += ACTIVATION_ROWS) {
                block(o, j, i);
            }
            for (; i < rows; i++) {
                for (int r = j; r < j + WEIGHT_ROWS; r++) {
                    single(o, r, i);
                }
            }
        }
        for (; j < to; j++) {
            for (int i = 0; i < rows; i++) {
                single(o, j, i);
            }
        }
    }

    /** Weight rows j..j+3 times activation rows i..i+2. */
    private static void block(Operands o, int j, int i) {
        MemorySegment w = o.weights();
        MemorySegment a = o.activations();
        long step = o.weightRowBytes();
        long w0 = o.firstWeight() + step * j;
        long a0 = o.activationRows()[i];
        long a1 = o.activationRows()[i + 1];
        long a2 = o.activationRows()[i + 2];
        FloatVector c00 = FloatVector.zero(FLOATS);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        int k = 0;
        for (; k + LANES <= o.length(); k += LANES) {
            FloatVector x0 = FloatVector.fromMemorySegment(FLOATS, a, a0 + 4L * k, ByteOrder.LITTLE_ENDIAN);
            FloatVector x1 = FloatVector.fromMemorySegment(FLOATS, a, a1 + 4L * k, ByteOrder.LITTLE_ENDIAN);
            FloatVector x2 = FloatVector.fromMemorySegment(FLOATS, a, a2 + 4L * k, ByteOrder.LITTLE_ENDIAN);
            long at = w0 + 2L * k;
            FloatVector v = widen(w, at);
            c00 = v.fma(x0, c00);
            c01 = v.fma(x1, c01);
            c02 = v.fma(x2, c02);
            v = widen(w, at + step);
            c10 = v.fma(x0, c10);
            c11 = v.fma(x1, c11);
            c12 = v.fma(x2, c12);
            v = widen(w, at + 2 * step);
            c20 = v.fma(x0, c20);
            c21 = v.fma(x1, c21);
            c22 = v.fma(x2, c22);
            v = widen(w, at + 3 * step);
            c30 = v.fma(x0, c30);
            c31 = v.fma(x1, c31);
            c32 = v.fma(x2, c32);
        }
        put(o, j, i, c00, k);
        put(o, j, i + 1, c01, k);
        put(o, j, i + 2, c02, k);
        put(o, j + 1, i, c10, k);
        put(o, j + 1, i + 1, c11, k);
        put(o, j + 1, i + 2, c12, k);
        put(o, j + 2, i, c20, k);
        put(o, j + 2, i + 1, c21, k);
        put(o, j + 2, i + 2, c22, k);
        put(o, j + 3, i, c30, k);
        put(o, j + 3, i + 1, c31, k);
        put(o, j + 3, i + 2, c32, k);
    }

    /** Stores the result of weight row j and activation row i: the lanes summed and the columns from k on added. */
    private static void put(Operands o, int j, int i, FloatVector lanes, int k) {
        long wAt = o.firstWeight() + o.weightRowBytes() * j;
        long aAt = o.activationRows()[i];
        o.out().set(OUT, o.outRows()[i] + 4L * j, lanes.reduceLanes(VectorOperators.ADD) + tail(o, wAt, aAt, k));
    }

    /** Weight row j times activation row i. */
    private static void single(Operands o, int j, int i) {
        MemorySegment w = o.weights();
        MemorySegment a = o.activations();
        long wAt = o.firstWeight() + o.weightRowBytes() * j;
        long aAt = o.activationRows()[i];
        FloatVector s0 = FloatVector.zero(FLOATS);
        FloatVector s1 = s0;
        int k = 0;
        for (; k + 2 * LANES <= o.length(); k += 2 * LANES) {
            s0 = widen(w, wAt + 2L * k).fma(FloatVector.fromMemorySegment(FLOATS, a, aAt + 4L * k,
                    ByteOrder.LITTLE_ENDIAN), s0);
            s1 = widen(w, wAt + 2L * (k + LANES)).fma(FloatVector.fromMemorySegment(FLOATS, a,
                    aAt + 4L * (k + LANES), ByteOrder.LITTLE_ENDIAN), s1);
        }
        for (; k + LANES <= o.length(); k += LANES) {
            s0 = widen(w, wAt + 2L * k).fma(FloatVector.fromMemorySegment(FLOATS, a, aAt + 4L * k,
                    ByteOrder.LITTLE_ENDIAN), s0);
        }
        put(o, j, i, s0.add(s1), k);
    }

    /** The columns from {@code k} on, one at a time. */
    private static float tail(Operands o, long wAt, long aAt, int k) {
        float sum = 0;
        for (int c = k; c < o.length(); c++) {
            sum += widen(o.weights().get(BF16, wAt + 2L * c))
                    * o.activations().get(F32, aAt + 4L * c);
        }
        return sum;
    }
}
