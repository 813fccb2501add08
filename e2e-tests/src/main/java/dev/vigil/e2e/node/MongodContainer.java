package dev.vigil.e2e.node;

import dev.vigil.testing.mongo.RunningMongoMember;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running mongod container: a member of the MongoDB wire double listening on the pod's address.
 * It is ready when it accepts connections there, which is when the image's readiness probe, a
 * {@code ping} through mongosh that needs no authentication, would pass. Closing it stops the
 * member: connections are refused until the pod's container starts again.
 */
final class MongodContainer implements RunningContainer {

    private static final int PROBE_TIMEOUT_MILLIS = 500;

    private final RunningMongoMember member;
    private final InetSocketAddress address;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    MongodContainer(RunningMongoMember member, Runnable onClose) {
        this.member = member;
        this.address = member.address();
        this.onClose = onClose;
    }

    @Override
    public boolean ready() {
        if (!member.isRunning()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public OptionalInt exitCode() {
        // The double's mongod does not crash; it runs until the kubelet stops it.
        return OptionalInt.empty();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            member.close();
            onClose.run();
        }
    }
}
