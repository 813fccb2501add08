package dev.vigil.names;

import dev.vigil.api.v1alpha1.CredentialsSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Names of the objects Vigil creates for a database, derived from the custom resource's name so
 * that every part of the operator (builders, reconcilers, CLI) agrees on them.
 */
public final class ResourceNames {

    /** The cluster DNS domain when the operator is not told otherwise. */
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

    private ResourceNames() {}

    /** The StatefulSet running the members, also the prefix of the pod names. */
    public static String statefulSet(MonitoredDatabase database) {
        return name(database);
    }

    /** The Service clients connect to. */
    public static String clientService(MonitoredDatabase database) {
        return name(database);
    }

    /** The headless Service giving every member a stable DNS name. */
    public static String membersService(MonitoredDatabase database) {
        return name(database) + "-members";
    }

    /**
     * The PostgreSQL read-write Service: it selects the primary's pod only, so clients and the
     * standbys' replication connections follow the primary when Vigil moves it.
     */
    public static String readWriteService(MonitoredDatabase database) {
        return name(database) + "-rw";
    }

    /** The PostgreSQL read-only Service, selecting the standbys Vigil labelled as such. */
    public static String readOnlyService(MonitoredDatabase database) {
        return name(database) + "-ro";
    }

    /** The pod of member {@code ordinal}, as the StatefulSet names it. */
    public static String memberPod(MonitoredDatabase database, int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("member ordinal must not be negative: " + ordinal);
        }
        return statefulSet(database) + "-" + ordinal;
    }

    /**
     * The ordinal of {@code pod} when it is one of {@code database}'s members ({@link #memberPod}
     * inverted); empty for any other name.
     */
    public static OptionalInt memberOrdinal(MonitoredDatabase database, String pod) {
        String prefix = statefulSet(database) + "-";
        if (pod == null || !pod.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        String number = pod.substring(prefix.length());
        if (number.isEmpty() || !number.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * The Service in front of the exporter (the sidecars in Managed mode, the exporter Deployment
     * in External mode), scraped by Prometheus.
     */
    public static String metricsService(MonitoredDatabase database) {
        return name(database) + "-metrics";
    }

    /** The Deployment running the exporter of an External database. */
    public static String exporterDeployment(MonitoredDatabase database) {
        return name(database) + "-exporter";
    }

    /**
     * The ServiceMonitor or PodMonitor scraping the exporter: the database's own name, since a
     * database has exactly one and its kind already says what it is.
     */
    public static String monitor(MonitoredDatabase database) {
        return name(database);
    }

    /**
     * The ServiceAccount the database's pods run as (the members in Managed mode, the exporter in
     * External mode): the database's own name, an identity without any API rights.
     */
    public static String serviceAccount(MonitoredDatabase database) {
        return name(database);
    }

    /** The PodDisruptionBudget of a Managed database's members: the database's own name. */
    public static String disruptionBudget(MonitoredDatabase database) {
        return name(database);
    }

    /** The ConfigMap holding the database's Grafana dashboard. */
    public static String dashboardConfigMap(MonitoredDatabase database) {
        return name(database) + "-dashboard";
    }

    /** The NetworkPolicy isolating the database's pods (the exporter's, in External mode). */
    public static String networkPolicy(MonitoredDatabase database) {
        return name(database) + "-network";
    }

    /** The ConfigMap holding the database configuration file. */
    public static String config(MonitoredDatabase database) {
        return name(database) + "-config";
    }

    /**
     * The ConfigMap naming a PostgreSQL database's designated primary pod, which the bootstrap of
     * every new member reads; kept apart from {@link #config} so a new primary changes no pod
     * template.
     */
    public static String primaryConfig(MonitoredDatabase database) {
        return name(database) + "-primary";
    }

    /** The Secret holding the replica-set keyfile members authenticate each other with. */
    public static String keyfileSecret(MonitoredDatabase database) {
        return name(database) + "-keyfile";
    }

    /** The administrator Secret Vigil generates when the spec names none. */
    public static String generatedAdminSecret(MonitoredDatabase database) {
        return name(database) + "-admin";
    }

    /** The monitoring-user Secret Vigil generates when the spec names none. */
    public static String generatedMonitoringSecret(MonitoredDatabase database) {
        return name(database) + "-monitoring";
    }

    /** The PostgreSQL replication-user Secret Vigil generates when the spec names none. */
    public static String generatedReplicationSecret(MonitoredDatabase database) {
        return name(database) + "-replication";
    }

    /**
     * The administrator Secret in use: {@code spec.credentials.adminSecretName}, or the generated
     * one.
     */
    public static String adminSecret(MonitoredDatabase database) {
        return userSecretName(database, CredentialsSpec::getAdminSecretName)
                .orElseGet(() -> generatedAdminSecret(database));
    }

    /**
     * The monitoring-user Secret in use: {@code spec.credentials.monitoringSecretName}, or the
     * generated one.
     */
    public static String monitoringSecret(MonitoredDatabase database) {
        return userSecretName(database, CredentialsSpec::getMonitoringSecretName)
                .orElseGet(() -> generatedMonitoringSecret(database));
    }

    /**
     * The PostgreSQL replication-user Secret in use: {@code
     * spec.credentials.replicationSecretName}, or the generated one.
     */
    public static String replicationSecret(MonitoredDatabase database) {
        return userSecretName(database, CredentialsSpec::getReplicationSecretName)
                .orElseGet(() -> generatedReplicationSecret(database));
    }

    /** Whether the administrator Secret is Vigil's to generate (the spec names none). */
    public static boolean generatesAdminSecret(MonitoredDatabase database) {
        return userSecretName(database, CredentialsSpec::getAdminSecretName).isEmpty();
    }

    /** Whether the monitoring-user Secret is Vigil's to generate (the spec names none). */
    public static boolean generatesMonitoringSecret(MonitoredDatabase database) {
        return userSecretName(database, CredentialsSpec::getMonitoringSecretName).isEmpty();
    }

    /** Whether the replication-user Secret is Vigil's to generate (the spec names none). */
    public static boolean generatesReplicationSecret(MonitoredDatabase database) {
        return userSecretName(database, CredentialsSpec::getReplicationSecretName).isEmpty();
    }

    /**
     * The stable DNS name of member {@code ordinal}: {@code
     * <name>-<ordinal>.<name>-members.<namespace>.svc.<clusterDomain>}.
     *
     * @throws IllegalArgumentException when the resource has no namespace, since the name would not
     *     resolve
     */
    public static String memberHost(MonitoredDatabase database, int ordinal, String clusterDomain) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("member ordinal must not be negative: " + ordinal);
        }
        String namespace = database.getMetadata().getNamespace();
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException(
                    "metadata.namespace is required to address the members of " + name(database));
        }
        return statefulSet(database)
                + "-"
                + ordinal
                + "."
                + membersService(database)
                + "."
                + namespace
                + ".svc."
                + clusterDomain;
    }

    /** {@code host:port} of members 0 to {@code replicas - 1}, in ordinal order. */
    public static List<String> memberAddresses(
            MonitoredDatabase database, int replicas, String clusterDomain) {
        return IntStream.range(0, replicas)
                .mapToObj(
                        ordinal ->
                                memberHost(database, ordinal, clusterDomain)
                                        + ":"
                                        + database.getSpec().getEngine().port())
                .toList();
    }

    /** {@code <service>.<namespace>.svc.<clusterDomain>:<port>}: how clients reach a Service. */
    public static String serviceAddress(
            MonitoredDatabase database, String service, int port, String clusterDomain) {
        return service
                + "."
                + database.getMetadata().getNamespace()
                + ".svc."
                + clusterDomain
                + ":"
                + port;
    }

    private static Optional<String> userSecretName(
            MonitoredDatabase database, Function<CredentialsSpec, String> field) {
        return Optional.ofNullable(database.getSpec().getCredentials())
                .map(field)
                .filter(name -> !name.isEmpty());
    }

    private static String name(MonitoredDatabase database) {
        return database.getMetadata().getName();
    }
}
