package dev.vigil.engine;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
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
        return DatabaseEngines.of(defaulted.getSpec()).desired(defaulted, context);
    }
}
