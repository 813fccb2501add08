package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A container's readiness probe as a check the kubelet can poll: {@code tcpSocket} connects to the
 * pod's address, {@code httpGet} expects a status from 200 to 399 there, {@code exec} is left to
 * the runtime, which knows what its commands do. The probe's timing fields are not modelled: the
 * kubelet polls on its own interval.
 */
final class ContainerProbes {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** An exec probe may start a process: its result is reused for this long. */
    private static final Duration EXEC_PERIOD = Duration.ofMillis(500);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Runs an {@code exec} probe's command; true when it would exit with 0. */
    @FunctionalInterface
    interface ExecProbe {
        boolean passes(List<String> command);
    }

    private ContainerProbes() {}

    /**
     * The check of the container's readiness probe, else of its startup probe; always true without
     * either.
     */
    static BooleanSupplier readiness(Container container, String podIp, ExecProbe exec) {
        Probe probe =
                container.getReadinessProbe() != null
                        ? container.getReadinessProbe()
                        : container.getStartupProbe();
        if (probe == null) {
            return () -> true;
        }
        if (probe.getTcpSocket() != null) {
            int port = port(container, probe.getTcpSocket().getPort());
            return () -> connects(new InetSocketAddress(podIp, port));
        }
        if (probe.getHttpGet() != null) {
            int port = port(container, probe.getHttpGet().getPort());
            String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
            String scheme =
                    probe.getHttpGet().getScheme() == null
                            ? "http"
                            : probe.getHttpGet().getScheme().toLowerCase();
            URI uri = URI.create(scheme + "://" + podIp + ":" + port + path);
            return () -> answers(uri);
        }
        if (probe.getExec() != null && probe.getExec().getCommand() != null) {
            List<String> command = List.copyOf(probe.getExec().getCommand());
            return atMostEvery(EXEC_PERIOD, () -> exec.passes(command));
        }
        return () -> true;
    }

    /** A probe's port: a number, or the name of one of the container's ports. */
    static int port(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        if (name.matches("\\d+")) {
            return Integer.parseInt(name);
        }
        return (container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts())
                .stream()
                        .filter(p -> Objects.equals(name, p.getName()))
                        .mapToInt(ContainerPort::getContainerPort)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "container "
                                                        + container.getName()
                                                        + " has no port named "
                                                        + name));
    }

    private static BooleanSupplier atMostEvery(Duration period, BooleanSupplier check) {
        return new BooleanSupplier() {
            private long checkedAt;
            private boolean result;
            private boolean checked;

            @Override
            public synchronized boolean getAsBoolean() {
                long now = System.nanoTime();
                if (!checked || now - checkedAt >= period.toNanos()) {
                    result = check.getAsBoolean();
                    checkedAt = now;
                    checked = true;
                }
                return result;
            }
        };
    }

    static boolean connects(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answers(URI uri) {
        try {
            HttpResponse<Void> response =
                    HTTP.send(
                            HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() >= 200 && response.statusCode() < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
