package dev.vigil.engine;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.engine.external.ExternalEngine;
import dev.vigil.engine.mongodb.MongoDbEngine;
import dev.vigil.engine.postgres.PostgresEngine;
import dev.vigil.monitoring.DefaultAlert;
import dev.vigil.monitoring.DefaultAlerts;
import dev.vigil.monitoring.EngineMonitoring;
import dev.vigil.rollout.DataCompatibility;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The engines, and which one a spec is: the one place that turns {@code spec.engine} and {@code
 * spec.mode} into behaviour. A new engine is a new package with its {@link DatabaseEngine}, a
 * constant of the API's {@link Engine}, and its line here.
 */
public final class DatabaseEngines {

    private static final Map<Engine, ExternalEngine> EXTERNAL = new EnumMap<>(Engine.class);

    static {
        for (Engine kind : Engine.values()) {
            EXTERNAL.put(kind, new ExternalEngine(kind, managed(kind).monitoring()));
        }
    }

    private DatabaseEngines() {}

    /**
     * The engine of {@code spec}, its schema defaults applied (an unset mode is Managed, as the
     * schema's default says).
     */
    public static DatabaseEngine of(MonitoredDatabaseSpec spec) {
        if (spec.getEngine() == null) {
            throw new IllegalArgumentException("spec.engine is required");
        }
        boolean runsMembers = DatabaseMode.runsMembers(spec.getMode());
        return runsMembers ? managed(spec.getEngine()) : EXTERNAL.get(spec.getEngine());
    }

    /** The data compatibility of {@code spec}'s engine, for the health gate. */
    public static Optional<DataCompatibility> dataCompatibility(MonitoredDatabaseSpec spec) {
        return of(spec).dataCompatibility();
    }

    /**
     * Every engine's default alerts by name: what an AlertPolicy's override may name, whichever
     * database it selects.
     */
    public static Map<String, DefaultAlert> overridableAlerts() {
        return DefaultAlerts.everyEngine(
                Arrays.stream(Engine.values()).map(DatabaseEngines::monitoring).toList());
    }

    /** The alerts and dashboard of {@code kind}'s engine. */
    public static EngineMonitoring monitoring(Engine kind) {
        return managed(kind).monitoring();
    }

    private static DatabaseEngine managed(Engine kind) {
        return switch (kind) {
            case MongoDB -> MongoDbEngine.INSTANCE;
            case PostgreSQL -> PostgresEngine.INSTANCE;
        };
    }
}
