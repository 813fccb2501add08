package dev.vigil.e2e.node;

import dev.vigil.names.DatabaseAddressResolver;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's DNS (CoreDNS with the kubernetes plugin), answering from a {@link ClusterView}:
 *
 * <ul>
 *   <li>{@code <svc>.<ns>.svc.<domain>}: the Service's cluster IP; for a headless Service, the
 *       address of one pod that serves it;
 *   <li>{@code <hostname>.<subdomain>.<ns>.svc.<domain>}: the pod with that {@code hostname} and
 *       {@code subdomain}, when the headless Service named {@code subdomain} serves it (as for a
 *       StatefulSet's pods);
 *   <li>shorter names through the search path of a pod's {@code resolv.conf} ({@code
 *       <ns>.svc.<domain> svc.<domain> <domain>}, {@code ndots:5}): {@code <svc>}, {@code
 *       <svc>.<ns>}, {@code <svc>.<ns>.svc} and so on;
 *   <li>an IPv4 literal: itself.
 * </ul>
 *
 * Any other name is left unresolved, so a connection to it goes to the machine's resolver and fails
 * as an unknown cluster name fails in a cluster. {@link #resolve} answers as a client outside any
 * namespace would (the search path without the namespace); {@link #forPod} as a container of a pod,
 * where {@code localhost} and {@code 127.0.0.1} are the pod's own address. Not modelled: {@code
 * ExternalName} Services, SRV records, pod A records by dashed IP.
 *
 * <p>Names outside the cluster are answered only when {@link #serveUpstream} was told of them: the
 * playground serves the external databases of its External-mode examples that way (a managed cloud
 * database's host name and port, answered with a server on this machine), as an upstream resolver
 * and a NAT in front of a real cluster would.
 */
public final class ClusterDns implements DatabaseAddressResolver {

    public static final String DEFAULT_DOMAIN = "cluster.local";

    /** resolv.conf's {@code ndots} in a pod: names with fewer dots try the search path first. */
    private static final int NDOTS = 5;

    private final ClusterView view;
    private final String domain;
    private final Map<String, InetSocketAddress> upstream = new ConcurrentHashMap<>();

    /**
     * @param view the Services and pods to answer from
     * @param domain the cluster domain, usually {@link #DEFAULT_DOMAIN}
     */
    public ClusterDns(ClusterView view, String domain) {
        this.view = Objects.requireNonNull(view, "view");
        this.domain = normalize(domain);
    }

    /** The cluster domain, e.g. {@code cluster.local}. */
    public String domain() {
        return domain;
    }

    /**
     * From now on {@code host:port}, a name outside the cluster, reaches {@code target} from every
     * pod and from the operator.
     */
    public void serveUpstream(String host, int port, InetSocketAddress target) {
        upstream.put(normalize(host) + ":" + port, target);
    }

    /**
     * From now on the Service {@code name} of {@code namespace} at {@code port} reaches {@code
     * target}, a process on this machine standing in for a Service with no pod (the playground's
     * object store), in every spelling a pod of another namespace may use: {@code <name>.<ns>},
     * {@code <name>.<ns>.svc} and {@code <name>.<ns>.svc.<domain>}. Like {@link #serveUpstream}, it
     * is answered to a client that names the port; no Service object exists.
     */
    public void serveService(String namespace, String name, int port, InetSocketAddress target) {
        String service = normalize(name) + "." + normalize(namespace);
        serveUpstream(service, port, target);
        serveUpstream(service + ".svc", port, target);
        serveUpstream(service + ".svc." + domain, port, target);
    }

    @Override
    public InetSocketAddress resolve(String host, int port) {
        InetSocketAddress served = upstream.get(normalize(host) + ":" + port);
        return served != null ? served : socket(lookup(host, null), host, port);
    }

    /**
     * The resolver a container of a pod in {@code namespace} with address {@code podIp} uses: its
     * namespace's search path, and its own address for {@code localhost} and {@code 127.0.0.1}.
     */
    public DatabaseAddressResolver forPod(String namespace, String podIp) {
        Objects.requireNonNull(namespace, "namespace");
        return (host, port) -> {
            String name = normalize(host);
            if (name.equals("localhost") || name.equals("127.0.0.1")) {
                return socket(Optional.of(podIp), host, port);
            }
            InetSocketAddress served = upstream.get(name + ":" + port);
            if (served != null) {
                return served;
            }
            return socket(lookup(host, namespace), host, port);
        };
    }

    /**
     * Every fully qualified name this DNS answers with its address, sorted by name: each Service
     * ({@code <svc>.<ns>.svc.<domain>}) and each pod a headless Service serves by hostname and
     * subdomain. What a process outside this JVM needs in a hosts file ({@link ClusterHostsFile}).
     */
    public SortedMap<String, String> records() {
        SortedMap<String, String> records = new TreeMap<>();
        for (Service service : view.services()) {
            String namespace = lower(service.getMetadata().getNamespace());
            String name = lower(service.getMetadata().getName());
            serviceAddress(namespace, name)
                    .ifPresent(
                            address ->
                                    records.put(
                                            name + "." + namespace + ".svc." + domain, address));
            if (ServiceEndpoints.hasClusterIp(service)) {
                continue;
            }
            for (Pod pod : ServiceEndpoints.serving(service, view.pods(namespace))) {
                String hostname = lower(pod.getSpec().getHostname());
                if (hostname != null && name.equals(lower(pod.getSpec().getSubdomain()))) {
                    podAddress(namespace, name, hostname)
                            .ifPresent(
                                    address ->
                                            records.put(
                                                    hostname + "." + name + "." + namespace
                                                            + ".svc." + domain,
                                                    address));
                }
            }
        }
        return records;
    }

    /**
     * The IPv4 address {@code name} resolves to.
     *
     * @param namespace the namespace of the pod asking, for the search path; null for a client
     *     outside the cluster's namespaces
     */
    public Optional<String> lookup(String name, String namespace) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String normalized = normalize(name);
        if (Ipv4.isLiteral(normalized)) {
            return Optional.of(normalized);
        }
        for (String candidate : candidates(normalized, name.endsWith("."), namespace)) {
            Optional<String> address = record(candidate);
            if (address.isPresent()) {
                return address;
            }
        }
        return Optional.empty();
    }

    private List<String> candidates(String name, boolean absolute, String namespace) {
        List<String> candidates = new ArrayList<>();
        if (absolute) {
            candidates.add(name);
            return candidates;
        }
        List<String> search = new ArrayList<>();
        if (namespace != null) {
            search.add(namespace + ".svc." + domain);
        }
        search.add("svc." + domain);
        search.add(domain);
        boolean tryAsIsFirst = name.chars().filter(c -> c == '.').count() >= NDOTS;
        if (tryAsIsFirst) {
            candidates.add(name);
        }
        search.forEach(suffix -> candidates.add(name + "." + suffix));
        if (!tryAsIsFirst) {
            candidates.add(name);
        }
        return candidates;
    }

    /** The record of a fully qualified name, if the cluster has one. */
    private Optional<String> record(String fqdn) {
        String suffix = ".svc." + domain;
        if (!fqdn.endsWith(suffix)) {
            return Optional.empty();
        }
        String[] labels = fqdn.substring(0, fqdn.length() - suffix.length()).split("\\.", -1);
        if (labels.length == 2) {
            return serviceAddress(labels[1], labels[0]);
        }
        if (labels.length == 3) {
            return podAddress(labels[2], labels[1], labels[0]);
        }
        return Optional.empty();
    }

    private Optional<String> serviceAddress(String namespace, String name) {
        Optional<Service> service = view.service(namespace, name);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        if (ServiceEndpoints.hasClusterIp(service.get())) {
            return Optional.of(service.get().getSpec().getClusterIP());
        }
        return ServiceEndpoints.serving(service.get(), view.pods(namespace)).stream()
                .map(ServiceEndpoints::podIp)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Optional<String> podAddress(String namespace, String subdomain, String hostname) {
        Optional<Service> service = view.service(namespace, subdomain);
        if (service.isEmpty() || ServiceEndpoints.hasClusterIp(service.get())) {
            return Optional.empty();
        }
        return ServiceEndpoints.serving(service.get(), view.pods(namespace)).stream()
                .filter(pod -> hostname.equals(lower(pod.getSpec().getHostname())))
                .filter(pod -> subdomain.equals(lower(pod.getSpec().getSubdomain())))
                .map(ServiceEndpoints::podIp)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static InetSocketAddress socket(Optional<String> address, String host, int port) {
        if (address.isEmpty()) {
            return InetSocketAddress.createUnresolved(host, port);
        }
        try {
            // No host name: the socket's host string must be the literal, or a client such as
            // the JDBC driver would look the cluster name up again on this machine.
            return new InetSocketAddress(InetAddress.getByAddress(Ipv4.bytes(address.get())), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IPv4 address: " + address.get(), e);
        }
    }

    private static String normalize(String name) {
        String trimmed = name.trim();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
