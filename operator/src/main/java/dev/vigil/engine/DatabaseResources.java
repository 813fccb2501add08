package dev.vigil.engine;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.external.ExternalResourcesBuilder;
import dev.vigil.engine.mongodb.MongoResourcesBuilder;
import dev.vigil.engine.postgres.PostgresResourcesBuilder;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.DesiredResources;

/**
 * The entry point from a {@code MonitoredDatabase} to the Kubernetes objects Vigil wants for it.
 * Pure: it never calls the API server, so the reconciler and {@code vigil render} share it.
 */
public final class DatabaseResources {

    private DatabaseResources() {}

    /**
     * Everything {@code database} needs, after applying the CRD's defaults to it (the argument is
     * not changed).
     *
     * @throws IllegalArgumentException for a spec that breaks Vigil's rules, or a field the
     *     builders cannot write safely, naming the field; the validator refuses such resources
     *     before they get here
     */
    public static DesiredResources desired(MonitoredDatabase database, BuildContext context) {
        MonitoredDatabase defaulted = SchemaDefaults.withDefaults(database);
        Engine engine = defaulted.getSpec().getEngine();
        DatabaseMode mode = defaulted.getSpec().getMode();
        if (engine == null) {
            throw new IllegalArgumentException("spec.engine is required");
        }
        return switch (mode) {
            case Managed -> managed(engine, defaulted, context);
            case External -> external(defaulted, context);
        };
    }

    private static DesiredResources managed(
            Engine engine, MonitoredDatabase database, BuildContext context) {
        return switch (engine) {
            case MongoDB -> MongoResourcesBuilder.build(database, context);
            case PostgreSQL -> PostgresResourcesBuilder.build(database, context);
        };
    }

    /** The same objects for either engine: only the exporter's container differs. */
    private static DesiredResources external(MonitoredDatabase database, BuildContext context) {
        return ExternalResourcesBuilder.build(database, context);
    }
}
