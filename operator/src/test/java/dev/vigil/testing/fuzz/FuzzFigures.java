package dev.vigil.testing.fuzz;

import dev.vigil.testing.ReliabilityRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of one fuzz test class: counters its properties add to (cases generated, accepted,
 * rejected, dry-run requests, exceptions...) and what {@link FuzzRun} reports of each property, in
 * the order they were first written; {@link #record} hands them to {@link ReliabilityRun}.
 */
public final class FuzzFigures {

    private static final Map<Class<?>, FuzzFigures> BY_CLASS = new ConcurrentHashMap<>();

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final long started = System.nanoTime();

    private FuzzFigures() {}

    /** The figures of {@code testClass}, created empty on first use. */
    public static FuzzFigures of(Class<?> testClass) {
        return BY_CLASS.computeIfAbsent(testClass, c -> new FuzzFigures());
    }

    /** Adds one to the counter {@code name}. */
    public void count(String name) {
        add(name, 1);
    }

    /** Adds {@code delta} to the counter {@code name}. */
    public synchronized void add(String name, long delta) {
        ((AtomicLong) figures.computeIfAbsent(name, n -> new AtomicLong())).addAndGet(delta);
    }

    /** The counter {@code name}, 0 when nothing was counted. */
    public synchronized long get(String name) {
        Object value = figures.get(name);
        return value instanceof AtomicLong counter ? counter.get() : 0;
    }

    /** Sets the figure {@code name}. */
    public synchronized void set(String name, Object value) {
        figures.put(name, value);
    }

    /** Writes the figures as {@code test}'s, with the class's duration so far. */
    public synchronized void record(String test) {
        Map<String, Object> written = new LinkedHashMap<>(figures);
        written.put("durationMillis", (System.nanoTime() - started) / 1_000_000);
        ReliabilityRun.record(test, written);
    }
}
