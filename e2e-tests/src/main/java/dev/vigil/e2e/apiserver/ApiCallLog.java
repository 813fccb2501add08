package dev.vigil.e2e.apiserver;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every request the embedded API server answered, in arrival order, so tests can check what a
 * client did (which verbs on which resources) against the RBAC rules it is granted. It keeps the
 * most recent {@value #CAPACITY} calls, so a long-running playground does not grow without bound.
 *
 * <p>Safe to use from any thread.
 */
public final class ApiCallLog {

    /** How many calls are kept; older ones are dropped first. */
    public static final int CAPACITY = 200_000;

    private final Deque<ApiCall> calls = new ArrayDeque<>();

    synchronized void record(ApiCall call) {
        if (calls.size() == CAPACITY) {
            calls.removeFirst();
        }
        calls.addLast(call);
    }

    /** All calls kept, oldest first. */
    public synchronized List<ApiCall> all() {
        return List.copyOf(calls);
    }

    /** The calls that match {@code filter}, oldest first. */
    public synchronized List<ApiCall> matching(Predicate<ApiCall> filter) {
        return calls.stream().filter(filter).toList();
    }

    /** The calls to resources (not discovery or OpenAPI) whose User-Agent starts with a prefix. */
    public List<ApiCall> resourceCallsFrom(String userAgentPrefix) {
        return matching(
                call -> call.isResourceRequest() && call.userAgent().startsWith(userAgentPrefix));
    }

    /** Forgets every call recorded so far. */
    public synchronized void clear() {
        calls.clear();
    }
}
