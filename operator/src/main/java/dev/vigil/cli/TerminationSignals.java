package dev.vigil.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Waits for SIGTERM (the kubelet stopping the pod) or SIGINT (Ctrl-C).
 *
 * <p>Handling the signals ourselves, instead of letting the JVM run its shutdown hooks, lets the
 * main thread stop the operator and return, so the process exits 0: after a signal-initiated
 * shutdown the JVM exits 143 or 130, which reads as a crash in pod status and CI logs. {@code
 * sun.misc.Signal} is the JDK's supported way to do that (module {@code jdk.unsupported}).
 */
final class TerminationSignals {

    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);
    private static final List<String> NAMES = List.of("TERM", "INT");

    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String receivedName;

    private TerminationSignals() {}

    /** Installs the handlers; from then on these signals no longer start JVM shutdown. */
    static TerminationSignals install() {
        TerminationSignals signals = new TerminationSignals();
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signals::onSignal);
            } catch (IllegalArgumentException e) {
                // The JVM keeps the signal (e.g. run with -Xrs); its shutdown hook still stops us.
                LOG.warn("Cannot handle SIG{}; relying on the shutdown hook", name);
            }
        }
        return signals;
    }

    private void onSignal(Signal signal) {
        receivedName = "SIG" + signal.getName();
        received.countDown();
    }

    /** Blocks until a signal arrives and returns its name, e.g. {@code SIGTERM}. */
    String await() throws InterruptedException {
        received.await();
        return receivedName;
    }
}
