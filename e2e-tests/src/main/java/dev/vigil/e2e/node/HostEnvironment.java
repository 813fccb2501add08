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
 *       become the pod's address: {@code DATA_SOURCE_URI=127.0.0.1:5432/postgres}.
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
        Map<String, String> host = new LinkedHashMap<>();
        env.forEach(
                (name, value) ->
                        host.put(
                                name, rewrite(name, launch.mounts().rewrite(value), launch.dns())));
        return host;
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
