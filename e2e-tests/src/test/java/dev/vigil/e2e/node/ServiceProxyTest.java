package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceProxyTest {

    // Every test has addresses of its own (TestAddresses) and ports the kernel picked, so no test
    // depends on a fixed address or port being free, nor on what an earlier test left behind.
    private final String clusterIp = TestAddresses.address();
    private final int servicePort = TestAddresses.freePort(clusterIp);
    private final String ipA = TestAddresses.address();
    private final String ipB = TestAddresses.address();

    private final StaticClusterView view = new StaticClusterView();
    private final List<Backend> backends = new ArrayList<>();
    private int portA;
    private int portB;
    private ServiceProxy proxy;

    @BeforeEach
    void start() throws IOException {
        Backend a = new Backend("a", ipA);
        Backend b = new Backend("b", ipB);
        backends.add(a);
        backends.add(b);
        portA = a.port();
        portB = b.port();
        view.services.add(StaticClusterView.service("shop", "web", clusterIp, "web", servicePort));
        view.pods.add(StaticClusterView.pod("shop", "web-a", "web", ipA, true, portA));
        view.pods.add(StaticClusterView.pod("shop", "web-b", "web", ipB, false, portB));
        proxy = ServiceProxy.start(view, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        proxy.close();
        backends.forEach(Backend::close);
    }

    @Test
    void forwardsBothWaysToAReadyPodAtItsNamedTargetPort() throws IOException {
        assertThat(proxy.forwardedPorts()).containsExactly(clusterIp + ":" + servicePort);
        assertThat(ask("hello")).isEqualTo("a:hello");
        assertThat(ask("again")).isEqualTo("a:again");
    }

    @Test
    void newConnectionsFollowReadiness() throws IOException {
        view.replace(StaticClusterView.pod("shop", "web-a", "web", ipA, false, portA));
        view.replace(StaticClusterView.pod("shop", "web-b", "web", ipB, true, portB));

        assertThat(ask("hello")).isEqualTo("b:hello");
    }

    @Test
    void aConnectionIsClosedWhenNoPodServes() throws IOException {
        view.replace(StaticClusterView.pod("shop", "web-a", "web", ipA, false, portA));

        try (Socket socket = new Socket(clusterIp, servicePort)) {
            socket.setSoTimeout(5_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void theListenerGoesWithItsService() {
        view.services.clear();

        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.forwardedPorts().isEmpty());
        assertThatThrownBy(() -> new Socket(clusterIp, servicePort).close())
                .isInstanceOf(ConnectException.class);
    }

    private String ask(String line) throws IOException {
        try (Socket socket = new Socket(clusterIp, servicePort)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    /**
     * A pod's server on {@code ip} at a port the kernel picks: answers each line with its name and
     * the line, then hangs up.
     */
    private static final class Backend {
        private final ServerSocket server;

        Backend(String name, String ip) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
            Thread thread =
                    new Thread(
                            () -> {
                                while (!server.isClosed()) {
                                    try (Socket socket = server.accept()) {
                                        String line =
                                                new BufferedReader(
                                                                new InputStreamReader(
                                                                        socket.getInputStream(),
                                                                        StandardCharsets.UTF_8))
                                                        .readLine();
                                        socket.getOutputStream()
                                                .write(
                                                        (name + ":" + line + "\n")
                                                                .getBytes(StandardCharsets.UTF_8));
                                    } catch (IOException e) {
                                        if (!server.isClosed()) {
                                            throw new UncheckedIOException(e);
                                        }
                                    }
                                }
                            },
                            "backend-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
