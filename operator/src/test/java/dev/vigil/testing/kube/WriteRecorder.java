package dev.vigil.testing.kube;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fabric8 HTTP interceptor that records every request of one client that writes (anything but
 * GET), as {@code METHOD path?query}: installed on the operator's own client, it lets a test assert
 * what the operator wrote, without counting the test's writes, which go through another client. It
 * can also make the next writes to a path fail ({@link #refuseNext}), as a write the API server
 * refused.
 */
public final class WriteRecorder implements Interceptor {

    /** The name the interceptor is installed under. */
    static final String NAME = "vigil-write-recorder";

    /** Where a refused write is sent instead: a path the API server does not serve (404). */
    private static final String REFUSED_PATH = "/vigil-test-refused-write";

    private final List<String> writes = new CopyOnWriteArrayList<>();
    private volatile String refusedPathSuffix;
    private final AtomicInteger refusals = new AtomicInteger();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (!"GET".equals(request.method())) {
            URI uri = request.uri();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            writes.add(request.method() + " " + uri.getRawPath() + query);
            String suffix = refusedPathSuffix;
            if (suffix != null
                    && uri.getRawPath().endsWith(suffix)
                    && refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                builder.uri(uri.resolve(REFUSED_PATH));
            }
        }
    }

    /**
     * Makes the next {@code times} writes whose path ends with {@code pathSuffix} fail: they are
     * sent to a path the API server does not serve, so they change nothing and the client gets an
     * error (404), as for a write the server refused.
     */
    public void refuseNext(String pathSuffix, int times) {
        refusedPathSuffix = pathSuffix;
        refusals.set(times);
    }

    /** Every write request so far, oldest first. */
    public List<String> list() {
        return List.copyOf(writes);
    }

    /** Forgets the writes recorded so far. */
    public void clear() {
        writes.clear();
    }
}
