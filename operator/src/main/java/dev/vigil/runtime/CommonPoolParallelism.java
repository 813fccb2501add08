package dev.vigil.runtime;

/**
 * Gives the JVM's common fork-join pool at least two threads. With fewer (the default on a machine
 * or container of one or two CPUs is one), {@code CompletableFuture} runs every asynchronous step
 * on a new thread of its own, and the fabric8 client completes each HTTP exchange with such steps:
 * at 1000 databases on two cores the operator started 31,000 threads in under four minutes (the
 * fleet benchmark, docs/benchmarks.md). A value the user set is kept.
 */
public final class CommonPoolParallelism {

    static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MINIMUM = 2;

    private CommonPoolParallelism() {}

    /**
     * Sets the parallelism unless it is set already; call it first thing in {@code main}, before
     * anything has used the common pool.
     */
    public static void atLeastTwo() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(
                    PROPERTY,
                    Integer.toString(
                            Math.max(MINIMUM, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }
}
