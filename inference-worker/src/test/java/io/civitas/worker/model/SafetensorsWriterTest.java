package io.civitas.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafetensorsWriterTest {

    @Test
    void shouldRoundToTheNearestBfloat16WithTiesToEven() {
        // When / Then: 1 + 2^-8 lies halfway between 1 (even) and 1 + 2^-7; 1 + 3 * 2^-8 between 1 + 2^-7 and
        // 1 + 2^-6 (even); 1 + 2^-8 + 2^-20 is just above the halfway point
        assertThat(SafetensorsWriter.bfloat16(1f)).isEqualTo((short) 0x3F80);
        assertThat(SafetensorsWriter.bfloat16(Float.intBitsToFloat(0x3F808000))).isEqualTo((short) 0x3F80);
        assertThat(SafetensorsWriter.bfloat16(Float.intBitsToFloat(0x3F818000))).isEqualTo((short) 0x3F82);
        assertThat(SafetensorsWriter.bfloat16(Float.intBitsToFloat(0x3F808001))).isEqualTo((short) 0x3F81);
        assertThat(SafetensorsWriter.bfloat16(-2.5f)).isEqualTo((short) 0xC020);
        assertThat(Float.isNaN(Float.intBitsToFloat(SafetensorsWriter.bfloat16(Float.NaN) << 16))).isTrue();
    }
}
