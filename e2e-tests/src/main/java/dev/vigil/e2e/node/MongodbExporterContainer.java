package dev.vigil.e2e.node;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.spi.dns.InetAddressResolver;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.names.DatabaseAddressResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;

/**
 * A running simulated {@code mongodb_exporter}: an HTTP server on the pod's address serving {@link
 * MongodbExporterMetrics}. Like percona's exporter without {@code --mongodb.global-conn-pool}, each
 * scrape opens a client, logs in with the configured user, pings, reads {@code replSetGetStatus}
 * and the {@code serverStatus} sample of {@code getDiagnosticData} (where the exporter's {@code
 * diagnosticdata} collector finds it), and closes it; {@code mongodb_up} is 0 when it cannot log in
 * or get an answer. Loopback hosts in the URI are the pod itself; other names resolve through the
 * cluster DNS. It is ready when its port accepts connections (the tcpSocket probe Vigil renders).
 * It logs no credentials.
 */
final class MongodbExporterContainer implements RunningContainer {

    private static final int TIMEOUT_MILLIS = 2000;
    private static final int PROBE_TIMEOUT_MILLIS = 500;
    private static final int MONGODB_PORT = 27017;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final MongodbExporterOptions options;
    private final String podIp;
    private final DatabaseAddressResolver dns;
    private final MongoContainerLog log;
    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MongodbExporterContainer(
            MongodbExporterOptions options,
            String podIp,
            DatabaseAddressResolver dns,
            MongoContainerLog log,
            HttpServer server,
            ExecutorService threads) {
        this.options = options;
        this.podIp = podIp;
        this.dns = dns;
        this.log = log;
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving metrics on {@code podIp}; fails when the port cannot be bound. */
    static MongodbExporterContainer start(
            MongodbExporterOptions options,
            String podIp,
            DatabaseAddressResolver dns,
            MongoContainerLog log)
            throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(podIp, options.listenPort()), 0);
        ExecutorService threads =
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "mongodb-exporter-" + podIp);
                            t.setDaemon(true);
                            return t;
                        });
        MongodbExporterContainer container =
                new MongodbExporterContainer(options, podIp, dns, log, server, threads);
        server.createContext("/", container::handle);
        server.setExecutor(threads);
        server.start();
        log.plain(
                "level=info msg=\"Starting HTTP server for http://"
                        + podIp
                        + ":"
                        + options.listenPort()
                        + options.telemetryPath()
                        + " ...\"");
        return container;
    }

    @Override
    public boolean ready() {
        if (closed.get()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(podIp, options.listenPort()), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public OptionalInt exitCode() {
        return OptionalInt.empty();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            threads.shutdownNow();
            try {
                threads.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(options.telemetryPath())) {
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", scrape());
            } else if (path.equals("/")) {
                respond(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        "<html><head><title>MongoDB exporter</title></head><body>"
                                + "<h1>MongoDB exporter</h1><p><a href=\""
                                + options.telemetryPath()
                                + "\">Metrics</a></p></body></html>\n");
            } else {
                respond(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** One scrape: a fresh client, as the exporter without a global connection pool has. */
    private String scrape() {
        try (MongoClient client = MongoClients.create(settings())) {
            MongoDatabase admin = client.getDatabase("admin");
            admin.runCommand(new Document("ping", 1));
            Optional<Document> replSetStatus = optional(admin, "replSetGetStatus");
            // The exporter reads serverStatus from mongod's diagnostic data, not by itself.
            Optional<Document> serverStatus =
                    optional(admin, "getDiagnosticData")
                            .map(reply -> reply.get("data", Document.class))
                            .map(data -> data.get("serverStatus", Document.class));
            return MongodbExporterMetrics.render(true, replSetStatus, serverStatus);
        } catch (MongoException | IllegalArgumentException e) {
            log.plain(
                    "level=error msg=\"cannot connect to MongoDB\" error=\"" + describe(e) + "\"");
            return MongodbExporterMetrics.render(false, Optional.empty(), Optional.empty());
        }
    }

    /** A command whose refusal (not a replica set member yet, say) only leaves its metrics out. */
    private Optional<Document> optional(MongoDatabase admin, String command) {
        try {
            return Optional.of(admin.runCommand(new Document(command, 1)));
        } catch (MongoCommandException e) {
            log.plain(
                    "level=warn msg=\"cannot get " + command + "\" error=\"" + describe(e) + "\"");
            return Optional.empty();
        }
    }

    /** The error without its message, which may name the credential. */
    private static String describe(Exception e) {
        return e instanceof MongoCommandException c
                ? c.getErrorCodeName() + " (" + c.getErrorCode() + ")"
                : e.getClass().getSimpleName();
    }

    private MongoClientSettings settings() {
        ConnectionString uri = new ConnectionString(options.uri());
        List<ServerAddress> hosts = uri.getHosts().stream().map(this::address).toList();
        MongoClientSettings.Builder settings =
                MongoClientSettings.builder()
                        .applicationName("mongodb_exporter")
                        .inetAddressResolver(new ClusterDnsResolver(dns))
                        .retryReads(false)
                        .retryWrites(false)
                        .applyToClusterSettings(
                                cluster -> {
                                    cluster.serverSelectionTimeout(
                                            TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                                    if (options.directConnect()) {
                                        cluster.hosts(List.of(hosts.get(0)))
                                                .mode(ClusterConnectionMode.SINGLE);
                                    } else {
                                        cluster.hosts(hosts).mode(ClusterConnectionMode.MULTIPLE);
                                    }
                                })
                        .applyToSocketSettings(
                                socket ->
                                        socket.connectTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                                                .readTimeout(
                                                        TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        if (!options.directConnect()) {
            settings.readPreference(ReadPreference.primaryPreferred());
        }
        MongoCredential credential = uri.getCredential();
        if (credential == null && options.user() != null) {
            String source = uri.getDatabase() == null ? "admin" : uri.getDatabase();
            credential =
                    MongoCredential.createCredential(
                            options.user(),
                            source,
                            options.password() == null
                                    ? new char[0]
                                    : options.password().toCharArray());
        }
        if (credential != null) {
            settings.credential(credential);
        }
        return settings.build();
    }

    /** The URI's host; loopback is the pod itself, which has its own address here. */
    private ServerAddress address(String hostPort) {
        ServerAddress parsed = new ServerAddress(hostPort);
        return LOOPBACK.contains(parsed.getHost())
                ? new ServerAddress(podIp, parsed.getPort())
                : parsed;
    }

    /** Names resolve through the cluster DNS, as inside the pod; IP literals are themselves. */
    private record ClusterDnsResolver(DatabaseAddressResolver dns) implements InetAddressResolver {
        @Override
        public List<InetAddress> lookupByName(String host) throws UnknownHostException {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return List.of(InetAddress.getByName(host));
            }
            InetSocketAddress resolved = dns.resolve(host, MONGODB_PORT);
            if (resolved.isUnresolved() || resolved.getAddress() == null) {
                throw new UnknownHostException(host);
            }
            return List.of(resolved.getAddress());
        }
    }
}
