package dev.vigil.reconciler;

import dev.vigil.api.v1alpha1.AnalysisSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseCredentials;
import dev.vigil.engine.DatabaseException;
import dev.vigil.engine.EngineStep;
import dev.vigil.engine.OwnedResources;
import dev.vigil.metrics.DatabaseMetrics;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import dev.vigil.rollout.ExporterReading;
import dev.vigil.rollout.GateObservation;
import dev.vigil.rollout.ObservationPlan;
import dev.vigil.rollout.PodObservation;
import dev.vigil.rollout.RolloutAction;
import dev.vigil.rollout.RolloutDecision;
import dev.vigil.rollout.RolloutMessages;
import dev.vigil.rollout.StatefulSetObservation;
import dev.vigil.rollout.analysis.DatabaseSeries;
import dev.vigil.rollout.analysis.Measurement;
import dev.vigil.rollout.analysis.PrometheusQueryException;
import dev.vigil.rollout.analysis.ScopedQuery;
import dev.vigil.status.DatabaseHealth;
import dev.vigil.status.StatusEvent;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health gate's contact with the world: observes what a {@link ObservationPlan} asks (the
 * database's pods, its exporter, the analyses' queries, MongoDB's featureCompatibilityVersion), and
 * carries out a {@link RolloutDecision}'s actions (deletes stuck pods, raises the
 * featureCompatibilityVersion, counts rollbacks). The decisions themselves are {@code
 * RolloutStateMachine}'s.
 */
final class HealthGate {

    private static final Logger LOG = LoggerFactory.getLogger(HealthGate.class);

    private final DatabaseClients clients;

    HealthGate(DatabaseClients clients) {
        this.clients = clients;
    }

    /**
     * Where the database is and who may talk to it, for one pass.
     *
     * @param running the spec the objects were built from on this pass, defaulted
     * @param underTest the resource's spec, defaulted: its analyses and exporter are checked
     * @param members {@code host:port} of every member of {@code running}
     * @param metricsAddress {@code host:port} of the exporter's Service
     * @param admin the administrator's credentials, if the Secret is there
     * @param engine the engine's step, which reads and raises its data compatibility version
     */
    record Target(
            MonitoredDatabase running,
            MonitoredDatabaseSpec underTest,
            List<String> members,
            String metricsAddress,
            Optional<DatabaseCredentials> admin,
            EngineStep engine) {}

    GateObservation observe(
            ObservationPlan plan,
            Target target,
            Optional<StatefulSet> statefulSet,
            boolean templateApplied,
            DatabaseHealth health,
            OptionalInt primaryOrdinal,
            OwnedResources owned) {
        int desired = target.running().getSpec().getReplicas();
        Optional<StatefulSetObservation> observed =
                statefulSet.map(s -> StatefulSetObservation.of(s, templateApplied, desired));
        List<PodObservation> pods = plan.pods() ? pods(target.running(), owned) : List.of();
        boolean podsReady = observed.map(s -> s.readyReplicas() >= desired).orElse(false);
        ExporterReading exporter =
                !plan.exporter()
                        ? ExporterReading.notRead("not read on this pass")
                        : podsReady
                                ? exporter(target)
                                : ExporterReading.notRead("not read yet: the pods are not ready");
        Map<String, Measurement> measurements = new HashMap<>();
        List<AnalysisSpec> analyses = target.underTest().getHealthGate().getAnalysis();
        for (AnalysisSpec analysis : analyses == null ? List.<AnalysisSpec>of() : analyses) {
            if (plan.analyses().contains(analysis.getName())) {
                measurements.put(
                        analysis.getName(),
                        measure(
                                target.underTest().getHealthGate().getPrometheusUrl(),
                                analysis,
                                DatabaseSeries.of(target.running()),
                                podsUnderTest(plan, target.running())));
            }
        }
        // A primary may answer while some members do not; with no member ready, none can.
        boolean someReady = observed.map(s -> s.readyReplicas() > 0).orElse(false);
        Optional<String> fcv =
                plan.featureCompatibilityVersion() && someReady
                        ? featureCompatibilityVersion(target)
                        : Optional.empty();
        return new GateObservation(
                observed, pods, health, exporter, measurements, fcv, primaryOrdinal);
    }

    /**
     * Carries out {@code decision}'s actions, in order.
     *
     * @return the Events to record
     */
    List<StatusEvent> act(
            RolloutDecision decision,
            MonitoredDatabase resource,
            Target target,
            KubernetesClient client,
            DatabaseMetrics metrics) {
        List<StatusEvent> events = new ArrayList<>();
        for (RolloutAction action : decision.actions()) {
            if (action instanceof RolloutAction.DeletePods delete) {
                deleteStuckPods(resource, delete, client);
            } else if (action instanceof RolloutAction.RaiseFeatureCompatibilityVersion raise) {
                raise(target, raise).ifPresent(events::add);
            } else if (action instanceof RolloutAction.RecordEvent recorded) {
                events.add(recorded.event());
            } else if (action instanceof RolloutAction.CountRollback) {
                metrics.rolledBack(resource);
            } else if (action instanceof RolloutAction.RecordGateFailure failure) {
                metrics.healthGate(resource, "failed", failure.took());
            }
        }
        return events;
    }

    /** The members' pods, from the watch on pods. */
    private static List<PodObservation> pods(MonitoredDatabase database, OwnedResources owned) {
        return owned
                .pods(StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE))
                .stream()
                .map(PodObservation::of)
                .toList();
    }

    /**
     * Deletes each pod only if it still runs the failed revision and is not ready: between the list
     * and now, the StatefulSet may have replaced it already.
     */
    private static void deleteStuckPods(
            MonitoredDatabase resource, RolloutAction.DeletePods delete, KubernetesClient client) {
        String namespace = resource.getMetadata().getNamespace();
        for (String name : delete.pods()) {
            Pod pod = client.pods().inNamespace(namespace).withName(name).get();
            if (pod == null) {
                continue;
            }
            PodObservation now = PodObservation.of(pod);
            if (now.ready() || !now.revision().filter(delete.revision()::equals).isPresent()) {
                continue;
            }
            client.pods().inNamespace(namespace).withName(name).delete();
            LOG.info(
                    "Pod {}/{} deleted: stuck not ready at failed revision {}",
                    namespace,
                    name,
                    delete.revision());
        }
    }

    private ExporterReading exporter(Target target) {
        String metric = target.underTest().getEngine().upMetric();
        OptionalDouble up;
        try {
            up = clients.exporters().read(target.metricsAddress(), metric);
        } catch (DatabaseException e) {
            return ExporterReading.down(e.getMessage());
        }
        if (up.isEmpty()) {
            return ExporterReading.down(
                    "the exporter at " + target.metricsAddress() + " does not report " + metric);
        }
        return up.getAsDouble() == 1.0
                ? ExporterReading.up("the exporter reaches the database (" + metric + " 1)")
                : ExporterReading.down("the exporter cannot reach the database (" + metric + " 0)");
    }

    /** The canary's pods, or every member's when the whole database is under test. */
    private static List<String> podsUnderTest(ObservationPlan plan, MonitoredDatabase database) {
        if (!plan.podsUnderTest().isEmpty()) {
            return plan.podsUnderTest();
        }
        List<String> pods = new ArrayList<>();
        for (int ordinal = 0; ordinal < database.getSpec().getReplicas(); ordinal++) {
            pods.add(ResourceNames.memberPod(database, ordinal));
        }
        return pods;
    }

    private Measurement measure(
            String prometheusUrl, AnalysisSpec analysis, DatabaseSeries series, List<String> pods) {
        try {
            OptionalDouble value =
                    clients.prometheus()
                            .query(
                                    prometheusUrl,
                                    ScopedQuery.of(analysis.getQuery(), series, pods));
            return value.isPresent()
                    ? new Measurement.Value(value.getAsDouble())
                    : new Measurement.Inconclusive("the query returned no sample");
        } catch (PrometheusQueryException e) {
            return new Measurement.Inconclusive(e.getMessage());
        }
    }

    private Optional<String> featureCompatibilityVersion(Target target) {
        if (target.admin().isEmpty()) {
            return Optional.empty();
        }
        try {
            return target.engine().readDataCompatibility(target.members(), target.admin().get());
        } catch (DatabaseException e) {
            LOG.debug("featureCompatibilityVersion not read: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<StatusEvent> raise(
            Target target, RolloutAction.RaiseFeatureCompatibilityVersion raise) {
        if (target.admin().isEmpty()) {
            return Optional.empty();
        }
        try {
            target.engine()
                    .raiseDataCompatibility(
                            target.members(), target.admin().get(), raise.version());
            return Optional.of(
                    StatusEvent.normal(
                            RolloutMessages.EVENT_FCV_RAISED,
                            String.format(
                                    RolloutMessages.MSG_FCV_RAISED,
                                    raise.from(),
                                    raise.version())));
        } catch (DatabaseException e) {
            // Read again and retried on the next pass; the data keeps working meanwhile.
            LOG.warn(
                    "featureCompatibilityVersion not raised to {}: {}",
                    raise.version(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
