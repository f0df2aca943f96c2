package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.SafeTensorSupport;
import com.github.tjake.jlama.safetensors.WeightLoader;
import com.github.tjake.jlama.tensor.AbstractTensor;

import io.civitas.worker.model.ModelShape;
import io.civitas.worker.model.TestModelGenerator;

class HugePageWeightsTest {

    static final Path BF16_DIR = Path.of("target", "unit-model", "civitas-tiny-bf16");

    @BeforeAll
    static void generate() {
        generateBf16();
    }

    static synchronized void generateBf16() {
        if (!Files.exists(BF16_DIR.resolve("model.safetensors"))) {
            new TestModelGenerator().generate(BF16_DIR, ModelShape.TINY, TestModelGenerator.DEFAULT_SEED, true);
        }
    }

    @Test
    void shouldCopyTheLargeBf16MatricesOutOfTheFileMappingUnchanged() throws Exception {
        assumeTrue(hugePagesOffered(), "the kernel offers no transparent huge pages");
        try (WeightLoader file = SafeTensorSupport.loadWeights(BF16_DIR.toFile());
                WeightLoader copied = HugePageWeights.load(BF16_DIR.toFile())) {
            assertThat(copied).isInstanceOf(HugePageWeights.class);
            assertThat(copied.getModelDType()).isEqualTo(DType.BF16);
            int copies = 0;
            for (String name : file.tensorInfoMap().keySet()) {
                AbstractTensor original = file.load(name);
                AbstractTensor copy = copied.load(name);
                MemorySegment a = original.getMemorySegment();
                MemorySegment b = copy.getMemorySegment();
                assertThat(copy.shape().dims()).isEqualTo(original.shape().dims());
                assertThat(a.mismatch(b)).as(name).isEqualTo(-1);
                if (a.byteSize() >= 64 << 10) {
                    assertThat(b.address()).as(name + " lies outside the file mapping").isNotEqualTo(a.address());
                    assertThat(b.address() & 63).isZero();
                    copies++;
                }
            }
            assertThat(copies).isGreaterThan(10);
        }
    }

    @Test
    void shouldReleaseTheCopiesWhenClosed() throws Exception {
        assumeTrue(hugePagesOffered(), "the kernel offers no transparent huge pages");
        WeightLoader copied = HugePageWeights.load(BF16_DIR.toFile());
        AbstractTensor head = copied.load("lm_head.weight");
        assertThat(head.get(0, 0)).isFinite();

        copied.close();

        assertThatThrownBy(() -> head.get(0, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldLeaveAnF32ModelToJlama() {
        Path dir = TinyModel.DIR;
        TestModelGenerator.generate(dir);
        assertThat(HugePageWeights.load(dir.toFile())).isNotInstanceOf(HugePageWeights.class);
    }

    private static boolean hugePagesOffered() throws IOException {
        Path enabled = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        if (!Files.exists(enabled)) {
            return false;
        }
        String mode = Files.readString(enabled);
        return List.of("[always]", "[madvise]").stream().anyMatch(mode::contains);
    }
}
