package io.civitas.worker.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes tensors in the safetensors layout: an 8-byte little-endian header length, a JSON header padded with spaces to
 * a multiple of 8, then the raw little-endian data in header order, as F32 or BF16 (rounded to nearest even).
 */
final class SafetensorsWriter {

    /** One tensor: its name, shape and row-major values. */
    record Tensor(String name, int[] shape, float[] values) {
        Tensor {
            long expected = 1;
            for (int d : shape) {
                expected *= d;
            }
            if (expected != values.length) {
                throw new IllegalArgumentException(name + ": shape does not match " + values.length + " values");
            }
        }
    }

    private SafetensorsWriter() {
    }

    /** The stored element types. */
    enum DType {
        F32(4), BF16(2);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }
    }

    static void write(Path file, List<Tensor> tensors, ObjectMapper json) throws IOException {
        write(file, tensors, DType.F32, json);
    }

    static void write(Path file, List<Tensor> tensors, DType dtype, ObjectMapper json) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        long offset = 0;
        for (Tensor t : tensors) {
            long end = offset + (long) dtype.bytes * t.values().length;
            header.put(t.name(), Map.of("dtype", dtype.name(), "shape", t.shape(), "data_offsets", new long[] {offset, end}));
            offset = end;
        }
        StringBuilder headerJson = new StringBuilder(json.writeValueAsString(header));
        while (headerJson.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
            headerJson.append(' ');
        }
        byte[] headerBytes = headerJson.toString().getBytes(StandardCharsets.UTF_8);

        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
            writeFully(out, length.flip());
            writeFully(out, ByteBuffer.wrap(headerBytes));
            for (Tensor t : tensors) {
                ByteBuffer data = ByteBuffer.allocate(dtype.bytes * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                if (dtype == DType.F32) {
                    data.asFloatBuffer().put(t.values());
                } else {
                    for (float v : t.values()) {
                        data.putShort(bfloat16(v));
                    }
                    data.flip();
                }
                writeFully(out, data);
            }
        }
    }

    /** The bfloat16 nearest to {@code v} (ties to even); NaN stays NaN. */
    static short bfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
