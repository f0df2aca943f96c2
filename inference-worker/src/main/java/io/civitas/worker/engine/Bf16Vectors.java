package io.civitas.worker.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** What the BF16 products share: the vector shapes, the memory layouts, and BF16 widened to F32. */
final class Bf16Vectors {

    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    static final int LANES = FLOATS.length();
    static final ValueLayout.OfShort BF16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Results, written in the platform's order as Jlama's tensors hold them. */
    static final ValueLayout.OfFloat OUT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(Math.max(64, FLOATS.vectorBitSize() / 2)));

    private Bf16Vectors() {
    }

    /** LANES BF16 values at offset as floats (a BF16 value is the high half of the F32 with the same bits). */
    static FloatVector widen(MemorySegment segment, long offset) {
        return ShortVector.fromMemorySegment(SHORTS, segment, offset, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, INTS, 0)
                .lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
    }

    /** One BF16 value as a float. */
    static float widen(short bf16) {
        return Float.intBitsToFloat(bf16 << 16);
    }
}
