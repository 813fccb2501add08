package dev.vigil.api.v1alpha1;

/** Whether Vigil runs the database or only monitors an existing one. */
public enum DatabaseMode {
    /** Vigil runs the database: StatefulSet, Services, Secrets, exporter and monitoring. */
    Managed(true),
    /**
     * The database exists elsewhere (for example a managed cloud database): Vigil runs only the
     * exporter, the scrape, the alerts and the network policy for it.
     */
    External(false);

    private final boolean runsMembers;

    DatabaseMode(boolean runsMembers) {
        this.runsMembers = runsMembers;
    }

    /**
     * Whether Vigil runs the database's members, in a StatefulSet with data volumes and the
     * exporter as their sidecar; otherwise it runs only the exporter, in a Deployment of its own.
     */
    public boolean runsMembers() {
        return runsMembers;
    }

    /**
     * Whether a database of {@code mode} has members Vigil runs; an unset mode is Managed, the
     * schema's default, for specs read before their defaults are applied.
     */
    public static boolean runsMembers(DatabaseMode mode) {
        return mode == null || mode.runsMembers();
    }
}
