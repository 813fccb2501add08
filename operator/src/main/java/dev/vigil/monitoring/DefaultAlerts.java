package dev.vigil.monitoring;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.engine.mongodb.MongoDbAlerts;
import dev.vigil.engine.postgres.PostgresAlerts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default alerts of each engine: its exporter's alerts, the Kubernetes alerts about its pods
 * and volumes, and Vigil's own alerts. Every alert has a runbook, {@code docs/runbooks/<alert>.md}.
 */
public final class DefaultAlerts {

    private DefaultAlerts() {}

    /** Every default alert of {@code engine}, whatever the database's shape. */
    public static List<DefaultAlert> forEngine(Engine engine) {
        List<DefaultAlert> alerts =
                new ArrayList<>(
                        switch (engine) {
                            case MongoDB -> MongoDbAlerts.ALL;
                            case PostgreSQL -> PostgresAlerts.ALL;
                        });
        alerts.addAll(KubernetesAlerts.ALL);
        alerts.addAll(VigilAlerts.ALL);
        return Collections.unmodifiableList(alerts);
    }

    /**
     * Every default alert of every engine, by alert name: what an AlertPolicy's override may name.
     * An alert shared by the engines (the Kubernetes and Vigil alerts) appears once.
     */
    public static Map<String, DefaultAlert> everyEngine() {
        Map<String, DefaultAlert> alerts = new LinkedHashMap<>();
        for (Engine engine : Engine.values()) {
            forEngine(engine).forEach(alert -> alerts.putIfAbsent(alert.alert(), alert));
        }
        return Collections.unmodifiableMap(alerts);
    }

    /**
     * The default alerts that mean something for {@code defaulted} (its spec defaulted): without
     * the replication alerts when it has a single member, and in External mode without the alerts
     * about data volumes Vigil does not run. The pod alerts stay in External mode: their selector
     * then matches the exporter's pods, which Vigil does run.
     */
    public static List<DefaultAlert> applicable(MonitoredDatabase defaulted) {
        MonitoredDatabaseSpec spec = defaulted.getSpec();
        boolean single = spec.getReplicas() != null && spec.getReplicas() == 1;
        boolean external = spec.getMode() == DatabaseMode.External;
        return forEngine(spec.getEngine()).stream()
                .filter(alert -> !(single && alert.needsStandbys()))
                .filter(alert -> !(external && aboutVolumes(alert)))
                .toList();
    }

    private static boolean aboutVolumes(DefaultAlert alert) {
        return alert.exprTemplate().contains("{{volumes}}");
    }
}
