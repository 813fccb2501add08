package dev.vigil.e2e.scenarios;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.connection.ClusterConnectionMode;
import dev.vigil.resources.ExporterContainers;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Looks inside the databases of a scenario as an administrator would with {@code kubectl exec}: SQL
 * on a PostgreSQL member with the superuser from the database's Secret, an admin command on a
 * MongoDB member with the administrator from its Secret, and an exporter's {@code /metrics}. Local
 * harness only: it reaches pods through the cluster's DNS.
 */
public final class DatabaseProbes {

    private final Scenario scenario;

    public DatabaseProbes(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Runs {@code statements} (DDL, writes) on member {@code ordinal}, as the superuser. */
    public void execute(String name, int ordinal, String... statements) throws SQLException {
        try (Connection connection = connect(name, ordinal);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The rows of a query on member {@code ordinal} of PostgreSQL database {@code name}. */
    public List<List<String>> sql(String name, int ordinal, String query) throws SQLException {
        try (Connection connection = connect(name, ordinal);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    private Connection connect(String name, int ordinal) throws SQLException {
        return connect(name, member(name, ordinal, 5432));
    }

    /**
     * A connection to PostgreSQL database {@code name} through its read-write Service, as a client
     * in the cluster has: whichever member the Service selects now.
     */
    public Connection connectReadWrite(String name) throws SQLException {
        InetSocketAddress address =
                scenario.local()
                        .dns()
                        .resolve(name + "-rw." + scenario.namespace() + ".svc.cluster.local", 5432);
        return connect(name, address);
    }

    private Connection connect(String name, InetSocketAddress address) throws SQLException {
        Secret admin = adminSecret(name);
        Properties properties = new Properties();
        properties.setProperty("user", decode(admin, "username"));
        properties.setProperty("password", decode(admin, "password"));
        properties.setProperty("connectTimeout", "5");
        String url =
                "jdbc:postgresql://"
                        + address.getAddress().getHostAddress()
                        + ":"
                        + address.getPort()
                        + "/postgres";
        return DriverManager.getConnection(url, properties);
    }

    /**
     * The reply to an admin command run on member {@code ordinal} of MongoDB database {@code name},
     * directly (not through the replica set), as its administrator.
     */
    public Document mongoAdmin(String name, int ordinal, Document command) {
        InetSocketAddress address = member(name, ordinal, 27017);
        Secret admin = adminSecret(name);
        MongoClientSettings settings =
                MongoClientSettings.builder()
                        .credential(
                                MongoCredential.createScramSha256Credential(
                                        decode(admin, "username"),
                                        "admin",
                                        decode(admin, "password").toCharArray()))
                        .applyToClusterSettings(
                                cluster ->
                                        cluster.hosts(
                                                        List.of(
                                                                new ServerAddress(
                                                                        address.getAddress()
                                                                                .getHostAddress(),
                                                                        address.getPort())))
                                                .mode(ClusterConnectionMode.SINGLE)
                                                .serverSelectionTimeout(5, TimeUnit.SECONDS))
                        .build();
        try (MongoClient client = MongoClients.create(settings)) {
            return client.getDatabase("admin").runCommand(command);
        }
    }

    /** The address of member {@code ordinal}'s pod, through the cluster's DNS. */
    private InetSocketAddress member(String name, int ordinal, int port) {
        return scenario.local()
                .dns()
                .resolve(
                        name
                                + "-"
                                + ordinal
                                + "."
                                + name
                                + "-members."
                                + scenario.namespace()
                                + ".svc.cluster.local",
                        port);
    }

    private Secret adminSecret(String name) {
        return scenario.client()
                .secrets()
                .inNamespace(scenario.namespace())
                .withName(name + "-admin")
                .get();
    }

    /**
     * The exporter sidecar's metrics page of a pod, at the port the pod names {@value
     * ExporterContainers#METRICS_PORT_NAME}.
     */
    public String exporterMetrics(Pod pod) throws IOException, InterruptedException {
        int port =
                pod.getSpec().getContainers().stream()
                        .flatMap(c -> c.getPorts().stream())
                        .filter(p -> ExporterContainers.METRICS_PORT_NAME.equals(p.getName()))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                pod.getMetadata().getName()
                                                        + " has no exporter port"))
                        .getContainerPort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://"
                                                        + pod.getStatus().getPodIP()
                                                        + ":"
                                                        + port
                                                        + "/metrics"))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static String decode(Secret secret, String key) {
        return new String(
                Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
