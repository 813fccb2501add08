package dev.vigil.testing.objectstore;

import dev.vigil.testing.tls.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One versitygw process serving the buckets under a directory (its posix backend: each directory is
 * a bucket) over TLS on a free loopback port. The root keys reach it by its environment, never on
 * its command line. The operator's backup tests and the local cluster's object store both start
 * their server here.
 */
public final class VersitygwServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    // Another process may take the free port between the probe and versitygw's bind.
    private static final int START_ATTEMPTS = 3;

    /** The root user's keys. */
    public record Keys(String accessKeyId, String secretAccessKey) {

        /** Fresh random keys, in the shape S3 keys take. */
        public static Keys random() {
            return new Keys("VIGIL" + hex(8).toUpperCase(java.util.Locale.ROOT), hex(20));
        }

        @Override
        public String toString() {
            return "Keys[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
        }
    }

    private final Process process;
    private final InetSocketAddress address;

    private VersitygwServer(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts {@code binary} over {@code root} and returns once it accepts connections.
     *
     * @param certificates the server's certificate and key
     * @param log where its output is appended
     * @param wrapper turns the command into the one started (e.g. a wrapper tying the process to
     *     this JVM); {@link UnaryOperator#identity()} for none
     * @throws IllegalStateException when it exits or does not listen, with the end of its log
     */
    public static VersitygwServer start(
            Path binary,
            Path root,
            TestCertificates certificates,
            Keys keys,
            Path log,
            UnaryOperator<List<String>> wrapper) {
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            InetSocketAddress address =
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
            List<String> command =
                    List.of(
                            binary.toString(),
                            "--port",
                            address.getAddress().getHostAddress() + ":" + address.getPort(),
                            "--cert",
                            certificates.certificate().toString(),
                            "--key",
                            certificates.privateKey().toString(),
                            "--quiet",
                            "posix",
                            root.toString());
            ProcessBuilder builder =
                    new ProcessBuilder(wrapper.apply(command))
                            .directory(root.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("ROOT_ACCESS_KEY_ID", keys.accessKeyId());
            builder.environment().put("ROOT_SECRET_ACCESS_KEY", keys.secretAccessKey());
            VersitygwServer server;
            try {
                server = new VersitygwServer(builder.start(), address);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + binary, e);
            }
            try {
                server.awaitListening(log);
                return server;
            } catch (IllegalStateException e) {
                server.close();
                failure = e;
            }
        }
        throw failure;
    }

    /** Where it listens: {@code 127.0.0.1:<port>}. */
    public InetSocketAddress address() {
        return address;
    }

    private void awaitListening(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "versitygw exited with code " + process.exitValue() + ": " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, 500);
                return;
            } catch (IOException e) {
                // Not listening yet.
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting versitygw", e);
            }
        }
        throw new IllegalStateException(
                "versitygw did not listen on "
                        + address
                        + " within "
                        + START_TIMEOUT
                        + ": "
                        + tail(log));
    }

    /** Stops it, and the wrapper it runs under if any. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Gone already.
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyForcibly();
        }
    }

    private void destroyForcibly() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on loopback", e);
        }
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
