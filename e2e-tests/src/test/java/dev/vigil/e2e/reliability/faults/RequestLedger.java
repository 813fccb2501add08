package dev.vigil.e2e.reliability.faults;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every request the proxy passed on or answered with a fault, in the order they arrived, for the
 * scenario's figures and its checks on retries.
 */
public final class RequestLedger {

    /**
     * One request.
     *
     * @param arrivedNanos {@link System#nanoTime()} when it arrived
     * @param request what was asked
     * @param fault the fault injected, or null
     * @param status the HTTP status the client got (the fault's or the server's); 0 when it got
     *     none
     */
    public record Entry(long arrivedNanos, ApiRequest request, FaultKind fault, int status) {}

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry entry) {
        entries.add(entry);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** The entries from the {@code from}-th on (indexes of {@link #entries()}). */
    public synchronized List<Entry> since(int from) {
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /** Faults injected, by kind, every kind listed. */
    public static Map<FaultKind, Integer> faultsByKind(List<Entry> entries) {
        Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind, 0);
        }
        entries.stream()
                .filter(e -> e.fault() != null)
                .forEach(e -> counts.merge(e.fault(), 1, Integer::sum));
        return counts;
    }

    /** Requests by {@code verb resource}, sorted. */
    public static Map<String, Integer> byVerbAndResource(
            List<Entry> entries, Predicate<Entry> which) {
        Map<String, Integer> counts = new TreeMap<>();
        entries.stream()
                .filter(which)
                .forEach(
                        e ->
                                counts.merge(
                                        e.request().verb() + " " + e.request().resource(),
                                        1,
                                        Integer::sum));
        return counts;
    }

    /** Requests by {@code verb resource status} (a fault's name for a fault), sorted. */
    public static Map<String, Integer> byVerbResourceAndStatus(List<Entry> entries) {
        Map<String, Integer> counts = new TreeMap<>();
        entries.forEach(
                e ->
                        counts.merge(
                                e.request().verb()
                                        + " "
                                        + e.request().resource()
                                        + " "
                                        + (e.fault() != null ? e.fault() : e.status()),
                                1,
                                Integer::sum));
        return counts;
    }

    /**
     * For each fault, the time until the same request (method, path, query) came again, in
     * milliseconds; faults never followed by their request are left out. Insertion-ordered by
     * fault.
     */
    public static Map<Entry, Long> retryDelays(List<Entry> entries) {
        Map<Entry, Long> delays = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry fault = entries.get(i);
            if (fault.fault() == null) {
                continue;
            }
            for (int j = i + 1; j < entries.size(); j++) {
                Entry next = entries.get(j);
                if (next.request().identity().equals(fault.request().identity())) {
                    delays.put(fault, (next.arrivedNanos() - fault.arrivedNanos()) / 1_000_000);
                    break;
                }
            }
        }
        return delays;
    }

    /**
     * For each faulted request, how many times the same request (method, path and query) came again
     * within {@code window} of the fault: fabric8's own retries of it, and whatever else asked for
     * the same thing meanwhile. Creations are left out: a POST names its collection, not its
     * object, so two different Events created one after the other look alike here.
     */
    public static Map<Entry, Long> repeatsWithin(List<Entry> entries, java.time.Duration window) {
        Map<Entry, Long> repeats = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry fault = entries.get(i);
            if (fault.fault() == null || fault.request().method().equals("POST")) {
                continue;
            }
            long count = 0;
            for (int j = i + 1; j < entries.size(); j++) {
                Entry next = entries.get(j);
                if (next.arrivedNanos() - fault.arrivedNanos() > window.toNanos()) {
                    break;
                }
                if (next.request().identity().equals(fault.request().identity())) {
                    count++;
                }
            }
            repeats.put(fault, count);
        }
        return repeats;
    }
}
