package io.civitas.worker.engine;

import java.lang.reflect.Field;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

import com.github.tjake.jlama.tensor.operations.TensorOperations;
import com.github.tjake.jlama.tensor.operations.TensorOperationsProvider;
import com.github.tjake.jlama.util.PhysicalCoreExecutor;

/**
 * How Jlama computes in this worker, set once per process before a model loads: its parallel loops run on the
 * thread that generates, and its matrix products are split across a {@link MatVecTeam} by
 * {@link Bf16MatVecOperations}.
 *
 * <p>Jlama 0.8.4 hands every parallel loop (about a hundred per decoded token) from the generating thread to a
 * fork/join pool and parks that thread until the loop is done: three thread wake-ups per loop, which cost a fifth of a
 * decode step on a virtual machine. Neither Jlama's pool nor its choice of tensor operations can be configured, so
 * both are replaced here through their private fields; a Jlama version without these fields fails at start-up
 * with a clear message rather than running slowly. The loops' own parallel streams fork into the pool of the thread
 * that runs them, so the generating thread is the one worker of a one-thread pool ({@link JlamaModel}'s compute
 * thread): the pieces then run one after the other on it.
 */
final class JlamaRuntime {

    private static boolean installed;

    private JlamaRuntime() {
    }

    /** Installs the runtime with {@code threads} matrix threads; later calls keep the first count. */
    static synchronized void install(int threads) {
        if (installed) {
            return;
        }
        int capped = Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
        try {
            replace(PhysicalCoreExecutor.class, PhysicalCoreExecutor.instance.get(), "pool", new CallerRunsPool());
            TensorOperations jlama = TensorOperationsProvider.get();
            Object provider = field(TensorOperationsProvider.class, "instance").get(null);
            replace(TensorOperationsProvider.class, provider, "provider",
                    new Bf16MatVecOperations(jlama, new MatVecTeam(capped)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set up Jlama's threads and tensor operations "
                    + "(a Jlama version other than 0.8.4 on the class path?)", e);
        }
        installed = true;
    }

    private static void replace(Class<?> owner, Object target, String name, Object value)
            throws ReflectiveOperationException {
        field(owner, name).set(target, value);
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** Runs what is submitted in the submitting thread (Jlama submits a task and waits for it at once). */
    private static final class CallerRunsPool extends ForkJoinPool {

        CallerRunsPool() {
            super(1);
        }

        @Override
        public ForkJoinTask<?> submit(Runnable task) {
            ForkJoinTask<?> inline = ForkJoinTask.adapt(task);
            inline.invoke();
            return inline;
        }

        @Override
        public <T> ForkJoinTask<T> submit(Callable<T> task) {
            ForkJoinTask<T> inline = ForkJoinTask.adapt(task);
            inline.invoke();
            return inline;
        }
    }
}
