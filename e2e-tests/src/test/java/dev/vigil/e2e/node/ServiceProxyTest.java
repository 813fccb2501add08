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

    private static final String CLUSTER_IP = "127.20.99.1";
    private static final int SERVICE_PORT = 15433;
    private static final int POD_PORT = 18081;

    private final StaticClusterView view = new StaticClusterView();
    private final List<Backend> backends = new ArrayList<>();
    private ServiceProxy proxy;

    @BeforeEach
    void start() throws IOException {
        backends.add(new Backend("a", "127.10.99.1"));
        backends.add(new Backend("b", "127.10.99.2"));
        view.services.add(
                StaticClusterView.service("shop", "web", CLUSTER_IP, "web", SERVICE_PORT));
        view.pods.add(StaticClusterView.pod("shop", "web-a", "web", "127.10.99.1", true, POD_PORT));
        view.pods.add(
                StaticClusterView.pod("shop", "web-b", "web", "127.10.99.2", false, POD_PORT));
        proxy = ServiceProxy.start(view, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        proxy.close();
        backends.forEach(Backend::close);
    }

    @Test
    void forwardsBothWaysToAReadyPodAtItsNamedTargetPort() throws IOException {
        assertThat(proxy.forwardedPorts()).containsExactly(CLUSTER_IP + ":" + SERVICE_PORT);
        assertThat(ask("hello")).isEqualTo("a:hello");
        assertThat(ask("again")).isEqualTo("a:again");
    }

    @Test
    void newConnectionsFollowReadiness() throws IOException {
        view.replace(StaticClusterView.pod("shop", "web-a", "web", "127.10.99.1", false, POD_PORT));
        view.replace(StaticClusterView.pod("shop", "web-b", "web", "127.10.99.2", true, POD_PORT));

        assertThat(ask("hello")).isEqualTo("b:hello");
    }

    @Test
    void aConnectionIsClosedWhenNoPodServes() throws IOException {
        view.replace(StaticClusterView.pod("shop", "web-a", "web", "127.10.99.1", false, POD_PORT));

        try (Socket socket = new Socket(CLUSTER_IP, SERVICE_PORT)) {
            socket.setSoTimeout(5_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void theListenerGoesWithItsService() {
        view.services.clear();

        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.forwardedPorts().isEmpty());
        assertThatThrownBy(() -> new Socket(CLUSTER_IP, SERVICE_PORT).close())
                .isInstanceOf(ConnectException.class);
    }

    private static String ask(String line) throws IOException {
        try (Socket socket = new Socket(CLUSTER_IP, SERVICE_PORT)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    /** A pod's server: answers each line with its name and the line, then hangs up. */
    private static final class Backend {
        private final ServerSocket server;

        Backend(String name, String ip) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(ip), POD_PORT));
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

        void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
