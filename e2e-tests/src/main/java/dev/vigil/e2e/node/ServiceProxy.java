package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy for loopback cluster IPs: for every port of every Service that has a cluster IP and a
 * selector, a TCP listener on {@code clusterIP:port} that forwards each new connection to a pod
 * serving the Service at that moment (see {@link ServiceEndpoints}), at the pod's target port,
 * round robin. The pod is chosen when the connection is made, so a connection made after a failover
 * reaches the new primary while older connections stay where they were, as with iptables. With no
 * pod serving, a connection is accepted and closed at once (kube-proxy rejects it). Listeners
 * follow Services as they come, change and go, checked every sync interval.
 *
 * <p>Not modelled: UDP and SCTP ports, NodePorts and load balancers, session affinity, topology
 * hints, Services without a selector (manual Endpoints).
 */
public final class ServiceProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int BUFFER_SIZE = 16 * 1024;

    private final ClusterView view;
    private final ScheduledExecutorService syncer =
            Executors.newSingleThreadScheduledExecutor(NodeThreads.named("service-proxy-sync"));
    private final ExecutorService workers =
            Executors.newCachedThreadPool(NodeThreads.named("service-proxy"));
    private final Map<PortKey, Listener> listeners = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextBackend = new AtomicInteger();
    private volatile boolean closed;

    /** One forwarded port: a Service port at its cluster IP. */
    record PortKey(String namespace, String service, String clusterIp, int port, String portName) {
        String describe() {
            return namespace + "/" + service + " " + clusterIp + ":" + port;
        }
    }

    private ServiceProxy(ClusterView view) {
        this.view = view;
    }

    /** Opens the listeners of the Services that exist and follows changes every {@code sync}. */
    public static ServiceProxy start(ClusterView view, Duration sync) {
        ServiceProxy proxy = new ServiceProxy(view);
        proxy.sync();
        proxy.syncer.scheduleWithFixedDelay(
                proxy::syncQuietly, sync.toMillis(), sync.toMillis(), TimeUnit.MILLISECONDS);
        return proxy;
    }

    /** The ports forwarded now, as {@code clusterIP:port}. */
    public Set<String> forwardedPorts() {
        Set<String> ports = new HashSet<>();
        listeners.keySet().forEach(key -> ports.add(key.clusterIp() + ":" + key.port()));
        return ports;
    }

    /** Opens the listeners that are missing and closes those whose Service port went away. */
    synchronized void sync() {
        if (closed) {
            return;
        }
        Set<PortKey> wanted = new HashSet<>();
        for (Service service : view.services()) {
            if (!ServiceEndpoints.hasClusterIp(service)
                    || service.getSpec().getSelector() == null
                    || service.getSpec().getSelector().isEmpty()
                    || service.getSpec().getPorts() == null) {
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                if (port.getProtocol() == null || "TCP".equals(port.getProtocol())) {
                    wanted.add(
                            new PortKey(
                                    service.getMetadata().getNamespace(),
                                    service.getMetadata().getName(),
                                    service.getSpec().getClusterIP(),
                                    port.getPort(),
                                    port.getName()));
                }
            }
        }
        for (PortKey key : List.copyOf(listeners.keySet())) {
            if (!wanted.contains(key)) {
                listeners.remove(key).close();
            }
        }
        for (PortKey key : wanted) {
            if (!listeners.containsKey(key)) {
                open(key);
            }
        }
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("Service proxy sync failed; retrying", e);
        }
    }

    private void open(PortKey key) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(
                    new InetSocketAddress(
                            InetAddress.getByAddress(Ipv4.bytes(key.clusterIp())), key.port()));
            Listener listener = new Listener(key, socket);
            listeners.put(key, listener);
            workers.execute(listener::acceptLoop);
            LOG.debug("Forwarding {}", key.describe());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Cannot listen on {} yet: {}", key.describe(), e.getMessage());
        }
    }

    /** Where a new connection to {@code key} goes now, if any pod serves it. */
    Optional<InetSocketAddress> backend(PortKey key) {
        Optional<Service> service = view.service(key.namespace(), key.service());
        if (service.isEmpty()) {
            return Optional.empty();
        }
        Optional<ServicePort> port =
                service.get().getSpec().getPorts().stream()
                        .filter(p -> p.getPort() == key.port())
                        .findFirst();
        if (port.isEmpty()) {
            return Optional.empty();
        }
        List<InetSocketAddress> candidates = new ArrayList<>();
        for (Pod pod : ServiceEndpoints.serving(service.get(), view.pods(key.namespace()))) {
            OptionalInt target = ServiceEndpoints.targetPort(port.get(), pod);
            Optional<String> ip = ServiceEndpoints.podIp(pod);
            if (target.isPresent() && ip.isPresent()) {
                candidates.add(new InetSocketAddress(ip.get(), target.getAsInt()));
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                candidates.get(Math.floorMod(nextBackend.getAndIncrement(), candidates.size())));
    }

    private void forward(PortKey key, Socket client) {
        Optional<InetSocketAddress> target = backend(key);
        if (target.isEmpty()) {
            LOG.debug("No pod serves {}: closing the connection", key.describe());
            closeQuietly(client);
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(target.get(), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            LOG.debug("{} -> {}: {}", key.describe(), target.get(), e.getMessage());
            closeQuietly(upstream);
            closeQuietly(client);
            return;
        }
        open.add(upstream);
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (SocketException e) {
            // Only a latency hint.
        }
        AtomicInteger finished = new AtomicInteger();
        workers.execute(() -> pipe(upstream, client, finished));
        pipe(client, upstream, finished);
    }

    /**
     * Copies one direction; at its end half-closes the other side, and closes both sockets once
     * both directions ended, or at once on an error.
     */
    private void pipe(Socket from, Socket to, AtomicInteger finished) {
        byte[] buffer = new byte[BUFFER_SIZE];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
            if (finished.incrementAndGet() == 2) {
                closeBoth(from, to);
            }
        } catch (IOException e) {
            closeBoth(from, to);
        }
    }

    private void closeBoth(Socket a, Socket b) {
        closeQuietly(a);
        closeQuietly(b);
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        syncer.shutdownNow();
        listeners.values().forEach(Listener::close);
        listeners.clear();
        List.copyOf(open).forEach(this::closeQuietly);
        workers.shutdownNow();
    }

    private final class Listener {
        private final PortKey key;
        private final ServerSocket socket;

        Listener(PortKey key, ServerSocket socket) {
            this.key = key;
            this.socket = socket;
        }

        void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    open.add(client);
                    workers.execute(() -> forward(key, client));
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        LOG.warn("Accepting on {} failed: {}", key.describe(), e.getMessage());
                    }
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    return;
                }
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }
}
