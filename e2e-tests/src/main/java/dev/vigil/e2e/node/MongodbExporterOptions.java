package dev.vigil.e2e.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of percona's {@code mongodb_exporter} that the simulated exporter acts on, read as
 * the exporter's flag parser reads them ({@code --name=value}, {@code --name value}, {@code
 * --flag}, {@code --no-flag}), a flag winning over its environment variable: where to connect
 * ({@code --mongodb.uri} / {@code MONGODB_URI}), as whom ({@code --mongodb.user} / {@code
 * MONGODB_USER}, {@code --mongodb.password} / {@code MONGODB_PASSWORD}), whether to talk to that
 * one server only ({@code --mongodb.direct-connect}, on by default), and where to serve metrics
 * ({@code --web.listen-address}, {@code :9216} by default; {@code --web.telemetry-path}, {@code
 * /metrics}). Other flags (collectors, log level) change nothing here.
 *
 * @param uri the connection string
 * @param user the user, or null when the URI carries it or nobody logs in
 * @param password the password, or null
 * @param directConnect whether to connect to the URI's first host only
 * @param listenPort the metrics port
 * @param telemetryPath the metrics path
 */
public record MongodbExporterOptions(
        String uri,
        String user,
        String password,
        boolean directConnect,
        int listenPort,
        String telemetryPath) {

    static final int DEFAULT_PORT = 9216;

    /** Options the exporter refuses at start; it exits with code 1. */
    public static final class InvalidOptionsException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidOptionsException(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        // Never the credentials.
        return "MongodbExporterOptions[directConnect="
                + directConnect
                + ", listenPort="
                + listenPort
                + ", telemetryPath="
                + telemetryPath
                + "]";
    }

    /** Reads the container's arguments and environment. */
    public static MongodbExporterOptions parse(List<String> args, Map<String, String> env)
            throws InvalidOptionsException {
        Map<String, String> flags = flags(args);
        String uri =
                value(flags, env, "mongodb.uri", "MONGODB_URI")
                        .orElseThrow(
                                () ->
                                        new InvalidOptionsException(
                                                "mongodb_exporter: error: required flag"
                                                        + " --mongodb.uri not provided"));
        String listen = flags.getOrDefault("web.listen-address", ":" + DEFAULT_PORT);
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidOptionsException(
                    "mongodb_exporter: error: invalid --web.listen-address " + listen);
        }
        return new MongodbExporterOptions(
                uri,
                value(flags, env, "mongodb.user", "MONGODB_USER").orElse(null),
                value(flags, env, "mongodb.password", "MONGODB_PASSWORD").orElse(null),
                !"false".equals(flags.getOrDefault("mongodb.direct-connect", "true")),
                port,
                flags.getOrDefault("web.telemetry-path", "/metrics"));
    }

    private static Optional<String> value(
            Map<String, String> flags, Map<String, String> env, String flag, String variable) {
        return Optional.ofNullable(flags.get(flag))
                .or(() -> Optional.ofNullable(env.get(variable)))
                .filter(v -> !v.isEmpty());
    }

    private static Map<String, String> flags(List<String> args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                continue;
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals > 0) {
                flags.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (name.startsWith("no-")) {
                flags.put(name.substring(3), "false");
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                flags.put(name, args.get(++i));
            } else {
                flags.put(name, "true");
            }
        }
        return flags;
    }
}
