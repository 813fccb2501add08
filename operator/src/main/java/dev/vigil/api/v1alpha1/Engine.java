package dev.vigil.api.v1alpha1;

/** The database engine Vigil runs or monitors. */
public enum Engine {
    /** A MongoDB replica set. */
    MongoDB,
    /** A PostgreSQL primary with streaming standbys. */
    PostgreSQL;

    /**
     * MongoDB's standard port, on which every member listens. Here rather than in {@code
     * DatabasePorts} because the CRD's exporter-port rule needs it too.
     */
    public static final int MONGODB_PORT = 27017;

    /** PostgreSQL's standard port, on which every member listens. */
    public static final int POSTGRESQL_PORT = 5432;
}
