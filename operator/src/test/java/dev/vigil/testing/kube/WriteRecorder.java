package dev.vigil.testing.kube;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fabric8 HTTP interceptor that records every request of one client that writes (anything but
 * GET), as {@code METHOD path?query}: installed on the operator's own client, it lets a test assert
 * what the operator wrote, without counting the test's writes, which go through another client.
 */
public final class WriteRecorder implements Interceptor {

    /** The name the interceptor is installed under. */
    static final String NAME = "vigil-write-recorder";

    private final List<String> writes = new CopyOnWriteArrayList<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (!"GET".equals(request.method())) {
            URI uri = request.uri();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            writes.add(request.method() + " " + uri.getRawPath() + query);
        }
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
