package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.AlertPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An external PostgreSQL database whose monitoring a user reshapes: the exporter Deployment, the
 * metrics Service and the NetworkPolicy follow a new endpoint and exporter port, the ServiceMonitor
 * its new labels, a PodMonitor replaces it, the dashboards ConfigMap and the NetworkPolicy go when
 * switched off, an AlertPolicy adds an AlertmanagerConfig (follows its change, and deletes it when
 * the policy's routing is taken out) and reports the database it matched, and monitors and rules go
 * when monitoring is no longer managed. It also gives the RBAC audit the operator's patches and
 * deletions of these kinds.
 */
@ExtendWith(E2EExtension.class)
class MonitoringChangesE2E {

    @Test
    void monitoringObjectsFollowTheSpecAndAnAlertPolicyAddsRouting(Scenario scenario) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        scenario.kubectl(
                        "create",
                        "secret",
                        "generic",
                        "remote-monitor",
                        "--from-literal=username=vigil_monitor",
                        "--from-literal=password=" + password)
                .orThrow();

        Remote first =
                new Remote("remote-db-1.example.internal:5432", "one", "", true, true, 9187, true);
        scenario.apply(first.manifest());
        await(scenario, Deployment.class, d -> json(d).contains("remote-db-1.example.internal"));
        await(scenario, ServiceMonitor.class, m -> hasLabel(m, "one"));
        await(scenario, NetworkPolicy.class, p -> json(p).contains("5432"));
        await(scenario, ConfigMap.class, MonitoringChangesE2E::ownedByTheDatabase);

        Remote moved =
                new Remote("remote-db-2.example.internal:6432", "two", "", true, false, 9188, true);
        scenario.apply(moved.manifest());
        await(scenario, Deployment.class, d -> json(d).contains("remote-db-2.example.internal"));
        await(scenario, Service.class, s -> json(s).contains("9188"));
        await(scenario, ServiceMonitor.class, m -> hasLabel(m, "two"));
        await(scenario, NetworkPolicy.class, p -> json(p).contains("6432"));
        awaitNone(scenario, ConfigMap.class, MonitoringChangesE2E::ownedByTheDatabase);

        Remote podMonitored = moved.withKind("PodMonitor").withoutNetworkPolicy();
        scenario.apply(podMonitored.manifest());
        await(scenario, PodMonitor.class, m -> hasLabel(m, "two"));
        awaitNone(scenario, ServiceMonitor.class);
        awaitNone(scenario, NetworkPolicy.class);
        scenario.apply(podMonitored.withRelease("three").manifest());
        await(scenario, PodMonitor.class, m -> hasLabel(m, "three"));

        scenario.apply(alertPolicy("dba@example.com"));
        await(scenario, AlertmanagerConfig.class, c -> json(c).contains("dba@example.com"));
        await(scenario, PrometheusRule.class, r -> true);
        Awaitility.await()
                .atMost(90, TimeUnit.SECONDS)
                .pollInterval(1, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(
                                                scenario.client()
                                                        .resources(AlertPolicy.class)
                                                        .inNamespace(scenario.namespace())
                                                        .withName("oncall")
                                                        .get()
                                                        .getStatus())
                                        .isNotNull()
                                        .satisfies(
                                                status ->
                                                        assertThat(status.getMatchedDatabases())
                                                                .containsExactly("remote")));
        scenario.apply(alertPolicy("oncall@example.com"));
        await(scenario, AlertmanagerConfig.class, c -> json(c).contains("oncall@example.com"));
        scenario.apply(POLICY);
        awaitNone(scenario, AlertmanagerConfig.class);

        scenario.apply(podMonitored.withRelease("three").unmanaged().manifest());
        awaitNone(scenario, PodMonitor.class);
        awaitNone(scenario, PrometheusRule.class);
    }

    /** The spec lines of the external database this scenario changes. */
    private record Remote(
            String endpoint,
            String release,
            String monitorKind,
            boolean networkPolicy,
            boolean dashboards,
            int exporterPort,
            boolean managed) {

        Remote withKind(String kind) {
            return new Remote(
                    endpoint, release, kind, networkPolicy, dashboards, exporterPort, managed);
        }

        Remote withoutNetworkPolicy() {
            return new Remote(
                    endpoint, release, monitorKind, false, dashboards, exporterPort, managed);
        }

        Remote withRelease(String label) {
            return new Remote(
                    endpoint, label, monitorKind, networkPolicy, dashboards, exporterPort, managed);
        }

        Remote unmanaged() {
            return new Remote(
                    endpoint, release, monitorKind, networkPolicy, dashboards, exporterPort, false);
        }

        String manifest() {
            return """
            apiVersion: vigil.dev/v1alpha1
            kind: MonitoredDatabase
            metadata:
              name: remote
            spec:
              engine: PostgreSQL
              version: "16.4"
              mode: External
              external:
                endpoints:
                  - %s
                credentialsSecretName: remote-monitor
              exporter:
                port: %d
              network:
                policy:
                  enabled: %s
              monitoring:
                managed: %s
                %s
                labels:
                  release: %s
                dashboards:
                  enabled: %s
            """
                    .formatted(
                            endpoint,
                            exporterPort,
                            networkPolicy,
                            managed,
                            monitorKind.isEmpty() ? "" : "kind: " + monitorKind,
                            release,
                            dashboards);
        }
    }

    /** The policy {@code oncall}, selecting the database, without routing. */
    private static final String POLICY =
            """
            apiVersion: vigil.dev/v1alpha1
            kind: AlertPolicy
            metadata:
              name: oncall
            spec:
              selector:
                names: [remote]
            """;

    /** The policy, routing P1 and P2 alerts by email {@code to}. */
    private static String alertPolicy(String to) {
        return POLICY
                + """
                  routing:
                    receivers:
                      - name: email
                        emailConfigs:
                          - to: %s
                            from: alertmanager@example.com
                            smarthost: smtp.example.com:587
                    routes:
                      - receiver: email
                        priorities: [P1, P2]
                """
                        .formatted(to);
    }

    private static <T extends HasMetadata> void await(
            Scenario scenario, Class<T> kind, Predicate<T> wanted) {
        Awaitility.await()
                .atMost(90, TimeUnit.SECONDS)
                .pollInterval(1, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(list(scenario, kind))
                                        .as(kind.getSimpleName() + " in " + scenario.namespace())
                                        .anyMatch(wanted));
    }

    private static <T extends HasMetadata> void awaitNone(Scenario scenario, Class<T> kind) {
        awaitNone(scenario, kind, o -> true);
    }

    private static <T extends HasMetadata> void awaitNone(
            Scenario scenario, Class<T> kind, Predicate<T> unwanted) {
        Awaitility.await()
                .atMost(90, TimeUnit.SECONDS)
                .pollInterval(1, TimeUnit.SECONDS)
                .untilAsserted(
                        () ->
                                assertThat(list(scenario, kind))
                                        .as(kind.getSimpleName() + " in " + scenario.namespace())
                                        .noneMatch(unwanted));
    }

    private static <T extends HasMetadata> List<T> list(Scenario scenario, Class<T> kind) {
        return scenario.client()
                .resources(kind)
                .inNamespace(scenario.namespace())
                .list()
                .getItems();
    }

    private static boolean hasLabel(HasMetadata object, String release) {
        return object.getMetadata().getLabels() != null
                && release.equals(object.getMetadata().getLabels().get("release"));
    }

    private static boolean ownedByTheDatabase(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() != null
                && object.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> "MonitoredDatabase".equals(o.getKind()));
    }

    private static String json(Object object) {
        return Serialization.asJson(object);
    }
}
