package io.civitas.worker.engine;

import java.io.File;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.github.tjake.jlama.model.DistributedContext;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.SafeTensorSupport;
import com.github.tjake.jlama.safetensors.TensorInfo;
import com.github.tjake.jlama.safetensors.WeightLoader;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.BFloat16BufferTensor;

/**
 * Jlama's safetensors weights with the BF16 matrices copied into anonymous memory on 2 MiB transparent huge pages.
 *
 * <p>Decoding reads every weight once per token. Read from the memory-mapped file, the weights sit in the page cache
 * on 4 KiB pages, and the page walks cost a sixth of the read rate: on the build machine the decode product streamed
 * 25 GB/s from the file mapping and 29 GB/s from huge pages (docs/benchmarks.md). The copy is made once at load (about
 * a second per 2 GB) and the resident memory is then anonymous: the worker's memory limit must hold the weights,
 * which it must anyway to decode at speed. Where the kernel offers no transparent huge pages, or the copy cannot be
 * mapped, the weights stay on the file mapping as Jlama loads them. The copies are unmapped when the model closes.
 */
final class HugePageWeights implements WeightLoader {

    private static final Logger LOGGER = Logger.getLogger(HugePageWeights.class);
    private static final Path THP_ENABLED = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    private static final long HUGE_PAGE = 2L << 20;
    private static final long REGION = 256L << 20;
    private static final long MIN_COPIED_BYTES = 64L << 10;
    private static final int PROT_READ_WRITE = 0x3;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x22;
    private static final int MADV_HUGEPAGE = 14;

    private final WeightLoader file;
    private final Arena arena = Arena.ofShared();
    private final Native calls;
    private MemorySegment region = MemorySegment.NULL;
    private long used;
    private long copiedBytes;

    private HugePageWeights(WeightLoader file, Native calls) {
        this.file = file;
        this.calls = calls;
    }

    /** The weights in dir, copied onto huge pages where the kernel offers them, else as Jlama maps them. */
    static WeightLoader load(File dir) {
        WeightLoader file = SafeTensorSupport.loadWeights(dir);
        if (file.getModelDType() != DType.BF16 || !transparentHugePagesOffered()) {
            return file;
        }
        return Native.bind().<WeightLoader>map(calls -> new HugePageWeights(file, calls)).orElse(file);
    }

    private static boolean transparentHugePagesOffered() {
        try {
            String mode = Files.readString(THP_ENABLED);
            return mode.contains("[always]") || mode.contains("[madvise]");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Map<String, String> metadata() {
        return file.metadata();
    }

    @Override
    public Map<String, TensorInfo> tensorInfoMap() {
        return file.tensorInfoMap();
    }

    @Override
    public DType getModelDType() {
        return file.getModelDType();
    }

    /** Jlama loads layers in parallel: places are handed out under a lock, the copies are made outside it. */
    @Override
    public AbstractTensor load(String name, DistributedContext dctx, boolean sparseRows, boolean sparseColumns) {
        AbstractTensor mapped = file.load(name, dctx, sparseRows, sparseColumns);
        MemorySegment source = mapped.getMemorySegment();
        if (mapped.dType() != DType.BF16 || source.byteSize() < MIN_COPIED_BYTES
                || source.byteSize() != 2 * mapped.size()) {
            return mapped;
        }
        MemorySegment copy = allocate(source.byteSize());
        if (copy == null) {
            return mapped;
        }
        MemorySegment.copy(source, 0, copy, 0, source.byteSize());
        return new BFloat16BufferTensor(name, copy.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer(),
                mapped.shape(), true);
    }

    /** bytes of fresh huge-page memory (64-byte aligned), or null when no more can be mapped. */
    private synchronized MemorySegment allocate(long bytes) {
        long aligned = (bytes + 63) & ~63L;
        if (used + aligned > region.byteSize()) {
            long size = Math.max(REGION, (aligned + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
            MemorySegment fresh = calls.mapHuge(size, arena);
            if (fresh == null) {
                return null;
            }
            region = fresh;
            used = 0;
        }
        MemorySegment slice = region.asSlice(used, bytes);
        used += aligned;
        copiedBytes += bytes;
        return slice;
    }

    @Override
    public synchronized void close() throws Exception {
        LOGGER.debugf("Unmapping %d MiB of weights on huge pages", copiedBytes >> 20);
        try {
            file.close();
        } finally {
            arena.close();
        }
    }

    /** mmap, madvise and munmap from the C library. */
    private record Native(MethodHandle mmap, MethodHandle madvise, MethodHandle munmap) {

        static Optional<Native> bind() {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                return Optional.of(new Native(
                        linker.downcallHandle(libc.find("mmap").orElseThrow(), FunctionDescriptor.of(
                                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG)),
                        linker.downcallHandle(libc.find("madvise").orElseThrow(), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT)),
                        linker.downcallHandle(libc.find("munmap").orElseThrow(), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG))));
            } catch (RuntimeException | LinkageError e) {
                LOGGER.infof("Weights stay on the file mapping: %s", e.toString());
                return Optional.empty();
            }
        }

        /**
         * size bytes (a multiple of 2 MiB) of anonymous memory aligned to 2 MiB and advised onto huge pages, unmapped
         * when the arena closes; null when it cannot be mapped.
         */
        MemorySegment mapHuge(long size, Arena arena) {
            try {
                long reserved = size + HUGE_PAGE;
                MemorySegment raw = (MemorySegment) mmap.invokeExact(MemorySegment.NULL, reserved, PROT_READ_WRITE,
                        MAP_PRIVATE_ANONYMOUS, -1, 0L);
                if (raw.address() == -1L) {
                    return null;
                }
                long start = (raw.address() + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
                MemorySegment aligned = MemorySegment.ofAddress(start).reinterpret(size);
                int advised = (int) madvise.invokeExact(aligned, size, MADV_HUGEPAGE);
                if (advised != 0) {
                    LOGGER.debugf("madvise(MADV_HUGEPAGE) failed (%d); weights on 4 KiB pages", advised);
                }
                long base = raw.address();
                return MemorySegment.ofAddress(start).reinterpret(size, arena, ignored -> unmap(base, reserved));
            } catch (Throwable e) {
                LOGGER.infof("Cannot map memory for the weights: %s", e.toString());
                return null;
            }
        }

        private void unmap(long address, long size) {
            try {
                int ignored = (int) munmap.invokeExact(MemorySegment.ofAddress(address), size);
            } catch (Throwable e) {
                LOGGER.warnf("munmap failed: %s", e.toString());
            }
        }
    }
}
