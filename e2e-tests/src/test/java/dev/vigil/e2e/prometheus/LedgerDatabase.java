package dev.vigil.e2e.prometheus;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.credentials.CredentialGenerator;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.engine.DatabaseResources;
import dev.vigil.monitoring.EngineMonitoring;
import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.monitoring.MonitoringResources;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.BuildContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import java.time.Clock;
import java.util.List;

/**
 * A PostgreSQL MonitoredDatabase {@code finance/ledger} and the objects Vigil's own builders make
 * for it: its Services, its StatefulSet (whose template gives the pods), and the monitor and
 * PrometheusRule the operator creates where prometheus-operator is installed.
 */
final class LedgerDatabase {

    static final String NAMESPACE = "finance";
    static final String NAME = "ledger";

    private final MonitoredDatabase database;

    private LedgerDatabase(MonitoredDatabase database) {
        this.database = database;
    }

    /** Monitored through a ServiceMonitor on its metrics Service (Vigil's default). */
    static LedgerDatabase withServiceMonitor() {
        return of("ServiceMonitor");
    }

    /** Monitored through a PodMonitor on its pods. */
    static LedgerDatabase withPodMonitor() {
        return of("PodMonitor");
    }

    private static LedgerDatabase of(String monitorKind) {
        String yaml =
                """
                apiVersion: vigil.dev/v1alpha1
                kind: MonitoredDatabase
                metadata:
                  name: ledger
                  namespace: finance
                  uid: 7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
                spec:
                  engine: PostgreSQL
                  version: "16.4"
                  replicas: 1
                  monitoring:
                    kind: %s
                    scrapeTimeout: 10s
                    labels:
                      release: kube-prometheus-stack
                """
                        .formatted(monitorKind);
        return new LedgerDatabase(Serialization.unmarshal(yaml, MonitoredDatabase.class));
    }

    List<Service> services() {
        return DatabaseResources.desired(database, context()).resources().stream()
                .filter(Service.class::isInstance)
                .map(Service.class::cast)
                .toList();
    }

    /** The ServiceMonitor or PodMonitor the operator creates. */
    HasMetadata monitor() {
        return MonitoringResources.desired(database, engine(), monitoring()).objects().stream()
                .filter(object -> object.getKind().endsWith("Monitor"))
                .findFirst()
                .orElseThrow();
    }

    /** The PrometheusRule of the database's default alerts. */
    PrometheusRule alertRules() {
        return MonitoringResources.desired(database, engine(), monitoring()).objects().stream()
                .filter(PrometheusRule.class::isInstance)
                .map(PrometheusRule.class::cast)
                .findFirst()
                .orElseThrow();
    }

    /**
     * Member {@code ordinal} as the StatefulSet controller and kubelet would make it from the
     * StatefulSet's template: running, with {@code podIp}, ready or not.
     */
    Pod member(int ordinal, String podIp, boolean ready) {
        StatefulSet statefulSet =
                DatabaseResources.desired(database, context()).resources().stream()
                        .filter(StatefulSet.class::isInstance)
                        .map(StatefulSet.class::cast)
                        .findFirst()
                        .orElseThrow();
        String name = statefulSet.getMetadata().getName() + "-" + ordinal;
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .withUid("pod-uid-" + ordinal)
                .withLabels(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .addToLabels(StandardLabels.STATEFULSET_POD_NAME, name)
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("StatefulSet")
                .withName(statefulSet.getMetadata().getName())
                .withUid("statefulset-uid")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withSpec(statefulSet.getSpec().getTemplate().getSpec())
                .editSpec()
                .withHostname(name)
                .withSubdomain(statefulSet.getSpec().getServiceName())
                .withNodeName("local")
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP(podIp)
                .withHostIP("127.0.0.1")
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus()
                .build();
    }

    private static BuildContext context() {
        return BuildContext.of(Clock.systemUTC(), CredentialGenerator.RENDER_PLACEHOLDERS);
    }

    private EngineMonitoring engine() {
        return DatabaseEngines.of(database.getSpec()).monitoring();
    }

    private static MonitoringContext monitoring() {
        return MonitoringContext.installed(List.of(), DatabaseEngines.overridableAlerts());
    }
}
