package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.BFloat16BufferTensor;
import com.github.tjake.jlama.tensor.FloatBufferTensor;
import com.github.tjake.jlama.tensor.operations.PanamaTensorOperations;
import com.github.tjake.jlama.util.MachineSpec;

class Bf16MatVecOperationsTest {

    private static final int ROWS = 53;

    private final PanamaTensorOperations jlama = new PanamaTensorOperations(MachineSpec.VECTOR_TYPE);
    private final Bf16MatVecOperations operations = new Bf16MatVecOperations(jlama, new MatVecTeam(2));
    private final Random random = new Random(7);

    @ParameterizedTest(name = "{0} columns from {1} and {2}, activation BF16: {3}")
    @CsvSource({"2048, 0, 0, false", "2048, 0, 0, true", "100, 3, 5, false", "100, 3, 5, true", "8, 0, 1, false"})
    void shouldMultiplyOneRowByBf16WeightsAsExactProductsSummed(int columns, int aColumn, int bColumn,
            boolean bf16Activation) {
        // Given
        AbstractTensor weights = fill(new BFloat16BufferTensor(ROWS, bColumn + columns));
        AbstractTensor activation = fill(bf16Activation ? new BFloat16BufferTensor(1, aColumn + columns)
                : new FloatBufferTensor(1, aColumn + columns));
        FloatBufferTensor result = new FloatBufferTensor(1, ROWS);

        // When rows 4..52 are computed
        operations.batchDotProduct(result, activation, weights, aColumn, bColumn, columns, 0, 4, ROWS - 4);

        // Then each is the sum of the products, computed in double from the same BF16/F32 values
        for (int row = 0; row < ROWS; row++) {
            double expected = 0;
            double magnitude = 0;
            for (int i = 0; i < columns; i++) {
                double product = (double) activation.get(0, aColumn + i) * weights.get(row, bColumn + i);
                expected += product;
                magnitude += Math.abs(product);
            }
            float actual = result.get(0, row);
            assertThat(actual).as("row %d", row).isCloseTo(row < 4 ? 0f : (float) expected,
                    within((float) (1e-5 * magnitude) + Float.MIN_NORMAL));
        }
    }

    @Test
    void shouldWriteRowsAtTheResultOffset() {
        // Given
        AbstractTensor weights = fill(new BFloat16BufferTensor(ROWS, 64));
        AbstractTensor activation = fill(new FloatBufferTensor(1, 64));
        FloatBufferTensor ours = new FloatBufferTensor(1, ROWS + 12);
        FloatBufferTensor theirs = new FloatBufferTensor(1, ROWS + 12);

        // When rows 10..29 land at 22..41
        operations.batchDotProduct(ours, activation, weights, 0, 0, 64, 12, 10, 20);
        jlama.batchDotProduct(theirs, activation, weights, 0, 0, 64, 12, 10, 20);

        // Then
        for (int i = 0; i < ROWS + 12; i++) {
            assertThat(ours.get(0, i)).as("column %d", i).isCloseTo(theirs.get(0, i), within(1e-3f));
        }
        assertThat(ours.get(0, 21)).isZero();
        assertThat(ours.get(0, 22)).isNotZero();
        assertThat(ours.get(0, 41)).isNotZero();
        assertThat(ours.get(0, 42)).isZero();
    }

    @ParameterizedTest(name = "{0} activation rows, {1} columns from {2} and {3}, results from column {4}")
    @CsvSource({"7, 100, 3, 5, 0", "3, 2048, 0, 0, 0", "2, 64, 0, 0, 12", "8, 8, 0, 1, 0"})
    void shouldMultiplySeveralActivationRowsByBf16WeightsAsExactProductsSummed(int activationRows, int columns,
            int aColumn, int bColumn, int rOffset) {
        // Given
        AbstractTensor weights = fill(new BFloat16BufferTensor(ROWS, bColumn + columns));
        AbstractTensor activation = fill(new FloatBufferTensor(activationRows, aColumn + columns));
        FloatBufferTensor result = new FloatBufferTensor(activationRows, rOffset + ROWS);

        // When weight rows 4..52 are computed (blocks of four and one left over)
        operations.batchDotProduct(result, activation, weights, aColumn, bColumn, columns, rOffset, 4, ROWS - 4);

        // Then each is the sum of the products, computed in double from the same values; nothing else is written
        for (int i = 0; i < activationRows; i++) {
            for (int row = 0; row < ROWS; row++) {
                double expected = 0;
                double magnitude = 0;
                for (int c = 0; c < columns; c++) {
                    double product = (double) activation.get(i, aColumn + c) * weights.get(row, bColumn + c);
                    expected += product;
                    magnitude += Math.abs(product);
                }
                assertThat(result.get(i, rOffset + row)).as("activation row %d, weight row %d", i, row)
                        .isCloseTo(row < 4 ? 0f : (float) expected, within((float) (1e-5 * magnitude)
                                + Float.MIN_NORMAL));
            }
            for (int column = 0; column < rOffset; column++) {
                assertThat(result.get(i, column)).isZero();
            }
        }
    }

    @Test
    void shouldLeaveSeveralBf16ActivationRowsToJlamaSplitAcrossTheTeam() {
        // Given a prompt of three rows, its activations in BF16
        AbstractTensor weights = fill(new BFloat16BufferTensor(ROWS, 128));
        AbstractTensor activation = fill(new BFloat16BufferTensor(3, 128));
        FloatBufferTensor ours = new FloatBufferTensor(3, ROWS);
        FloatBufferTensor theirs = new FloatBufferTensor(3, ROWS);

        // When
        operations.batchDotProduct(ours, activation, weights, 0, 0, 128, 0, 0, ROWS);
        jlama.batchDotProduct(theirs, activation, weights, 0, 0, 128, 0, 0, ROWS);

        // Then Jlama's own results, bit for bit
        for (int row = 0; row < 3; row++) {
            for (int i = 0; i < ROWS; i++) {
                assertThat(ours.get(row, i)).isEqualTo(theirs.get(row, i));
            }
        }
    }

    private AbstractTensor fill(AbstractTensor tensor) {
        int rows = tensor.shape().dim(0);
        int columns = tensor.shape().dim(1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                tensor.set((float) random.nextGaussian(), r, c);
            }
        }
        return tensor;
    }
}
