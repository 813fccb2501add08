package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default alerts of a database: its engine's alerts on the exporter's series, the Kubernetes
 * alerts about its pods and volumes, and Vigil's own alerts. Every alert has a runbook, {@code
 * docs/runbooks/<alert>.md}.
 */
public final class DefaultAlerts {

    private DefaultAlerts() {}

    /** Every default alert of an engine, whatever the database's shape. */
    public static List<DefaultAlert> of(EngineMonitoring engine) {
        List<DefaultAlert> alerts = new ArrayList<>(engine.alerts());
        alerts.addAll(KubernetesAlerts.ALL);
        alerts.addAll(VigilAlerts.ALL);
        return Collections.unmodifiableList(alerts);
    }

    /**
     * Every default alert of every engine, by alert name: what an AlertPolicy's override may name.
     * An alert shared by the engines (the Kubernetes and Vigil alerts) appears once.
     */
    public static Map<String, DefaultAlert> everyEngine(Collection<EngineMonitoring> engines) {
        Map<String, DefaultAlert> alerts = new LinkedHashMap<>();
        for (EngineMonitoring engine : engines) {
            of(engine).forEach(alert -> alerts.putIfAbsent(alert.alert(), alert));
        }
        return Collections.unmodifiableMap(alerts);
    }

    /**
     * The default alerts that mean something for {@code defaulted} (its spec defaulted): without
     * the replication alerts when it has a single member, and, where Vigil does not run the members
     * (External mode), without the alerts about data volumes it does not have, and without the
     * {@link BackupAlerts backup alerts} unless it has {@code spec.backup}. The pod alerts stay in
     * External mode: their selector then matches the exporter's pods, which Vigil does run.
     */
    public static List<DefaultAlert> applicable(
            MonitoredDatabase defaulted, EngineMonitoring engine) {
        MonitoredDatabaseSpec spec = defaulted.getSpec();
        boolean single = spec.getReplicas() != null && spec.getReplicas() == 1;
        boolean volumes = DatabaseMode.runsMembers(spec.getMode());
        boolean backups = spec.getBackup() != null;
        boolean verifies = backups && spec.getBackup().getVerify() != null;
        return of(engine).stream()
                .filter(alert -> !(single && alert.needsStandbys()))
                .filter(alert -> volumes || !aboutVolumes(alert))
                .filter(alert -> backups || !BackupAlerts.ALL.contains(alert))
                .filter(alert -> verifies || !BackupAlerts.VERIFICATION.contains(alert))
                .toList();
    }

    private static boolean aboutVolumes(DefaultAlert alert) {
        return alert.exprTemplate().contains("{{volumes}}");
    }
}
