package dev.vigil.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * A read, change and write of one object, as a user or a controller does it: the write carries the
 * version read, and the API server answers 409 when someone (the operator, writing status) wrote in
 * between; then it runs again from the new version.
 */
final class ReadChangeWrite {

    /** A write that conflicts this often is not a race with one status write any more. */
    private static final int ATTEMPTS = 10;

    private ReadChangeWrite() {}

    /** Runs {@code readChangeWrite} until its write is not refused for an outdated version. */
    static void run(Runnable readChangeWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                readChangeWrite.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
