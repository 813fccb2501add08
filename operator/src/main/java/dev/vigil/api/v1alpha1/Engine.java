package dev.vigil.api.v1alpha1;

/** The database engine Vigil runs or monitors. */
public enum Engine {
    /** A MongoDB replica set. */
    MongoDB,
    /** A PostgreSQL primary with streaming standbys. */
    PostgreSQL
}
