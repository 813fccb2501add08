package dev.vigil.e2e.playground;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.ExternalSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.postgres.JdbcPostgresClient;
import dev.vigil.resources.ServerTls;
import dev.vigil.testing.postgres.LocalPostgresCluster;
import dev.vigil.testing.tls.TestCertificates;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the playground's External-mode examples need and a user provides on a real cluster: a
 * database to watch, a least-privilege monitoring user on it, and the Secrets the example names.
 *
 * <ul>
 *   <li>An External <b>PostgreSQL</b> with {@code endpoints}: a real PostgreSQL server on this
 *       machine serving TLS (Vigil's exporter connects with {@code sslmode=require}, as to a cloud
 *       database), a role in {@code pg_monitor} with a random password, and the endpoint's host and
 *       port answered with that server by the cluster's DNS ({@link
 *       dev.vigil.e2e.node.ClusterDns#serveUpstream}), as an upstream resolver would.
 *   <li>An External <b>MongoDB</b> with {@code uriSecret}: a one-member MongoDB that Vigil itself
 *       runs in namespace {@value #UPSTREAM_NAMESPACE} (the harness's MongoDB double), the URI of
 *       that member in the named Secret, and the credentials of its monitoring user (which has
 *       {@code clusterMonitor}) in the credentials Secret.
 * </ul>
 *
 * Passwords are generated here and written only to Secrets and to the databases.
 */
final class ExternalDatabaseStandIns implements AutoCloseable {

    static final String UPSTREAM_NAMESPACE = "playground-upstream";

    private static final String MONITORING_USER = "vigil_monitor";
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final List<AutoCloseable> servers = new ArrayList<>();
    private final LocalCluster cluster;
    private final Path directory;
    private final StandInServerRecords records;
    private final PrintStream out;

    private ExternalDatabaseStandIns(
            LocalCluster cluster, Path directory, StandInServerRecords records, PrintStream out) {
        this.cluster = cluster;
        this.directory = directory;
        this.records = records;
        this.out = out;
    }

    /**
     * Supplies, in {@code namespace}, what each External-mode MonitoredDatabase among the {@code
     * examples} needs; returns once its Secrets exist.
     */
    static ExternalDatabaseStandIns supply(
            LocalCluster cluster,
            List<MonitoredDatabase> examples,
            String namespace,
            Path directory,
            PrintStream out) {
        StandInServerRecords records = new StandInServerRecords(directory);
        for (Path left : records.stopLeftovers()) {
            out.println("  stopped a stand-in PostgreSQL a killed playground left in " + left);
        }
        ExternalDatabaseStandIns standIns =
                new ExternalDatabaseStandIns(cluster, directory, records, out);
        try {
            for (MonitoredDatabase database : examples) {
                if (database.getSpec().getMode() == DatabaseMode.External) {
                    standIns.supply(database, namespace);
                }
            }
            return standIns;
        } catch (RuntimeException e) {
            standIns.close();
            throw e;
        }
    }

    private void supply(MonitoredDatabase database, String namespace) {
        ExternalSpec external = database.getSpec().getExternal();
        String name = database.getMetadata().getName();
        if (database.getSpec().getEngine() == Engine.PostgreSQL
                && external.getEndpoints() != null
                && !external.getEndpoints().isEmpty()) {
            postgresBehind(
                    external.getEndpoints().get(0), external.getCredentialsSecretName(), namespace);
            out.println(
                    "  "
                            + name
                            + ": a PostgreSQL server with TLS answers "
                            + external.getEndpoints().get(0));
        } else if (database.getSpec().getEngine() == Engine.MongoDB
                && external.getUriSecret() != null) {
            mongoBehind(name, database.getSpec().getVersion(), external, namespace);
            out.println(
                    "  "
                            + name
                            + ": Secret "
                            + external.getUriSecret().getName()
                            + " names a MongoDB Vigil runs in namespace "
                            + UPSTREAM_NAMESPACE);
        } else {
            out.println(
                    "  " + name + ": the playground has no stand-in for this External database");
        }
    }

    private void postgresBehind(String endpoint, String credentialsSecret, String namespace) {
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        LocalPostgresCluster server = LocalPostgresCluster.startPrimary();
        servers.add(server);
        records.record(server.directory());
        String member = server.primary().member();
        DatabaseCredentials monitoring = new DatabaseCredentials(MONITORING_USER, password());
        try {
            new JdbcPostgresClient(server.resolver(), Duration.ofSeconds(10))
                    .ensureMonitoringRole(member, server.superuser(), monitoring);
        } catch (dev.vigil.engine.DatabaseException e) {
            throw new IllegalStateException("cannot create the monitoring role of " + endpoint, e);
        }
        TestCertificates certificates =
                TestCertificates.issue(
                        directory.resolve("ca-" + host), "vigil-playground-ca", List.of(host));
        Path tls =
                server.secretVolume(
                        "tls",
                        Map.of(
                                ServerTls.CERTIFICATE_KEY, certificates.certificate(),
                                ServerTls.PRIVATE_KEY, certificates.privateKey(),
                                ServerTls.CA_KEY, certificates.caCertificate()));
        server.reconfigure(
                server.primary(),
                "ssl = on\n"
                        + "ssl_cert_file = '"
                        + tls.resolve(ServerTls.CERTIFICATE_KEY)
                        + "'\n"
                        + "ssl_key_file = '"
                        + tls.resolve(ServerTls.PRIVATE_KEY)
                        + "'\n",
                "local all all scram-sha-256\nhostssl all all 127.0.0.0/8 scram-sha-256\n");
        InetSocketAddress address =
                server.resolver().resolve(member.substring(0, member.lastIndexOf(':')), 5432);
        cluster.dns().serveUpstream(host, port, address);
        secret(
                namespace,
                credentialsSecret,
                Map.of("username", monitoring.username(), "password", monitoring.password()));
    }

    private void mongoBehind(String name, String version, ExternalSpec external, String namespace) {
        KubernetesClient client = cluster.client();
        client.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(UPSTREAM_NAMESPACE)
                                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                                .endMetadata()
                                .build())
                .serverSideApply();
        String upstream = name + "-upstream";
        client.resource(
                        Serialization.unmarshal(
                                """
                                apiVersion: vigil.dev/v1alpha1
                                kind: MonitoredDatabase
                                metadata:
                                  name: %s
                                  namespace: %s
                                spec:
                                  engine: MongoDB
                                  version: "%s"
                                  replicas: 1
                                  storage:
                                    size: 1Gi
                                """
                                        .formatted(upstream, UPSTREAM_NAMESPACE, version),
                                MonitoredDatabase.class))
                .serverSideApply();
        Secret monitoring =
                client.secrets()
                        .inNamespace(UPSTREAM_NAMESPACE)
                        .withName(upstream + "-monitoring")
                        .waitUntilCondition(
                                secret -> secret != null && secret.getData() != null,
                                WAIT.toSeconds(),
                                TimeUnit.SECONDS);
        Map<String, String> credentials =
                Map.of(
                        "username", decode(monitoring, "username"),
                        "password", decode(monitoring, "password"));
        secret(namespace, external.getCredentialsSecretName(), credentials);
        String member =
                upstream
                        + "-0."
                        + upstream
                        + "-members."
                        + UPSTREAM_NAMESPACE
                        + ".svc.cluster.local:27017";
        secret(
                namespace,
                external.getUriSecret().getName(),
                Map.of(
                        external.getUriSecret().getKey(),
                        "mongodb://" + member + "/admin?directConnection=true"));
    }

    private void secret(String namespace, String name, Map<String, String> values) {
        cluster.client()
                .secrets()
                .inNamespace(namespace)
                .resource(
                        new SecretBuilder()
                                .withNewMetadata()
                                .withName(name)
                                .withNamespace(namespace)
                                .addToLabels("app.kubernetes.io/created-by", "vigil-playground")
                                .endMetadata()
                                .withStringData(values)
                                .build())
                .serverSideApply();
    }

    private static String decode(Secret secret, String key) {
        return new String(
                Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String password() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                out.println("Stopping an external database failed: " + e.getMessage());
            }
        }
        records.stopLeftovers();
    }
}
