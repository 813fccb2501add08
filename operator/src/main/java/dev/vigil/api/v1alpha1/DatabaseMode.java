package dev.vigil.api.v1alpha1;

/** Whether Vigil runs the database or only monitors an existing one. */
public enum DatabaseMode {
    /** Vigil runs the database: StatefulSet, Services, Secrets, exporter and monitoring. */
    Managed,
    /**
     * The database exists elsewhere (for example a managed cloud database): Vigil runs only the
     * exporter, the scrape, the alerts and the network policy for it.
     */
    External
}
