package dev.vigil.e2e.node;

import dev.vigil.names.DatabaseAddressResolver;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment made to work for a process on this machine, which sees neither the
 * container's filesystem nor the cluster's DNS:
 *
 * <ul>
 *   <li>container paths inside a volume mount become host paths ({@link MountTable#rewrite});
 *   <li>a value that is a cluster host name becomes the address the cluster DNS gives for it, when
 *       the variable's name says it holds a host ({@code ..HOST..}) or the name has a dot: {@code
 *       VIGIL_PRIMARY_HOST=ledger-rw} becomes the Service's cluster IP;
 *   <li>the host of a {@code host:port} at the start of a value, after an optional {@code
 *       scheme://} and {@code user@}, the same way, and {@code 127.0.0.1} and {@code localhost}
 *       become the pod's address: {@code DATA_SOURCE_URI=127.0.0.1:5432/postgres};
 *   <li>pgBackRest's S3 repository, whose host and port are two variables: when the cluster DNS
 *       answers {@code PGBACKREST_REPO<n>_S3_ENDPOINT} at {@code PGBACKREST_REPO<n>_STORAGE_PORT}
 *       (443 when unset), the endpoint stays the name (pgBackRest signs its requests and sends
 *       {@code Host} with it, as in a cluster) and {@code PGBACKREST_REPO<n>_STORAGE_HOST} and
 *       {@code _STORAGE_PORT} become the address it answers, which pgBackRest connects to instead
 *       of looking the endpoint up. pgBackRest, a C program, resolves through this machine's
 *       resolver, which knows no cluster name. It checks the server's certificate against the host
 *       it connects to, so a store the harness runs names that address in its certificate too
 *       ({@code dev.vigil.e2e.cluster.LocalObjectStore}). A container that sets {@code
 *       _STORAGE_HOST} itself keeps it.
 * </ul>
 *
 * Names the cluster DNS does not know, and every other value, are left as they are.
 */
final class HostEnvironment {

    private static final Pattern HOST_NAME =
            Pattern.compile(
                    "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern HOST_PORT_LIST =
            Pattern.compile(
                    "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)?(?<user>[^@/?#]*@)?(?<hosts>[^/?#@]+)(?<rest>[/?#].*)?",
                    Pattern.DOTALL);
    private static final Pattern PGBACKREST_ENDPOINT =
            Pattern.compile("PGBACKREST_REPO(\\d+)_S3_ENDPOINT");
    private static final Pattern HOST_PORT =
            Pattern.compile("(?<host>[A-Za-z0-9.-]+):(?<port>\\d{1,5})");

    private HostEnvironment() {}

    /**
     * The environment of a process for {@code launch}: {@code imageDefaults} (the image's {@code
     * ENV}), overridden by the container's variables, every value rewritten as above.
     */
    static Map<String, String> of(ContainerLaunch launch, Map<String, String> imageDefaults) {
        Map<String, String> env = new LinkedHashMap<>(imageDefaults);
        env.putAll(launch.env());
        return of(env, launch.mounts(), launch.dns());
    }

    /** {@code env} (image defaults and the container's variables) rewritten as above. */
    static Map<String, String> of(
            Map<String, String> env, MountTable mounts, DatabaseAddressResolver dns) {
        Map<String, String> host = new LinkedHashMap<>();
        Map<String, String> storage = pgBackRestStorage(env, dns);
        env.forEach(
                (name, value) ->
                        host.put(
                                name,
                                PGBACKREST_ENDPOINT.matcher(name).matches()
                                        ? value
                                        : rewrite(name, mounts.rewrite(value), dns)));
        host.putAll(storage);
        return host;
    }

    /**
     * The {@code PGBACKREST_REPO<n>_STORAGE_HOST} and {@code _STORAGE_PORT} of every S3 repository
     * whose endpoint the cluster DNS answers; see the class.
     */
    static Map<String, String> pgBackRestStorage(
            Map<String, String> env, DatabaseAddressResolver dns) {
        Map<String, String> storage = new LinkedHashMap<>();
        env.forEach(
                (name, endpoint) -> {
                    Matcher matcher = PGBACKREST_ENDPOINT.matcher(name);
                    if (!matcher.matches()) {
                        return;
                    }
                    String repo = "PGBACKREST_REPO" + matcher.group(1) + "_STORAGE_";
                    if (env.containsKey(repo + "HOST")) {
                        return;
                    }
                    String port = env.getOrDefault(repo + "PORT", "443").strip();
                    if (!port.matches("\\d{1,5}") || !HOST_NAME.matcher(endpoint).matches()) {
                        return;
                    }
                    InetSocketAddress resolved = dns.resolve(endpoint, Integer.parseInt(port));
                    if (!resolved.isUnresolved()) {
                        storage.put(repo + "HOST", resolved.getAddress().getHostAddress());
                        storage.put(repo + "PORT", String.valueOf(resolved.getPort()));
                    }
                });
        return storage;
    }

    /** One value rewritten for this machine, as described on the class. */
    static String rewrite(String name, String value, DatabaseAddressResolver dns) {
        if (HOST_NAME.matcher(value).matches()
                && (name.toUpperCase(Locale.ROOT).contains("HOST") || value.contains("."))) {
            return address(value, dns);
        }
        Matcher uri = HOST_PORT_LIST.matcher(value);
        if (!uri.matches()) {
            return value;
        }
        String[] hosts = uri.group("hosts").split(",", -1);
        StringBuilder rewritten = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            Matcher hostPort = HOST_PORT.matcher(hosts[i]);
            if (!hostPort.matches()) {
                return value;
            }
            InetSocketAddress resolved =
                    dns.resolve(hostPort.group("host"), Integer.parseInt(hostPort.group("port")));
            rewritten
                    .append(i == 0 ? "" : ",")
                    .append(
                            resolved.isUnresolved()
                                    ? hostPort.group("host")
                                    : resolved.getAddress().getHostAddress())
                    .append(':')
                    .append(resolved.getPort());
        }
        return nullToEmpty(uri.group("scheme"))
                + nullToEmpty(uri.group("user"))
                + rewritten
                + nullToEmpty(uri.group("rest"));
    }

    /** The address the cluster DNS gives for {@code host}, or {@code host} when it gives none. */
    private static String address(String host, DatabaseAddressResolver dns) {
        InetSocketAddress resolved = dns.resolve(host, 0);
        return resolved.isUnresolved() ? host : resolved.getAddress().getHostAddress();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
