package dev.vigil.api.v1alpha1;

/**
 * The database engine Vigil runs or monitors, with the facts about it that the API itself states
 * (its CEL rules name the ports and the oldest versions): what Vigil does with an engine lives in
 * its package under {@code dev.vigil.engine}.
 */
public enum Engine {
    /** A MongoDB replica set. */
    MongoDB(
            "mongodb",
            Engine.MONGODB_PORT,
            9216,
            "mongodb_up",
            5,
            ValidationMessages.MONGODB_END_OF_LIFE,
            true,
            null),
    /** A PostgreSQL primary with streaming standbys. */
    PostgreSQL(
            "postgresql",
            Engine.POSTGRESQL_PORT,
            9187,
            "pg_up",
            14,
            ValidationMessages.POSTGRESQL_TOO_OLD,
            false,
            "a major-version upgrade needs pg_upgrade or a dump and restore, which Vigil does not"
                    + " do");

    /**
     * MongoDB's standard port, on which every member listens. A constant as well because the CRD's
     * exporter-port rule, an annotation, needs it.
     */
    public static final int MONGODB_PORT = 27017;

    /** PostgreSQL's standard port, on which every member listens. */
    public static final int POSTGRESQL_PORT = 5432;

    private final String kubernetesName;
    private final int port;
    private final int defaultExporterPort;
    private final String upMetric;
    private final int oldestSupportedMajor;
    private final String tooOldMessage;
    private final boolean oldestMajorAppliesToExternal;
    private final String majorUpgradeRefusal;

    Engine(
            String kubernetesName,
            int port,
            int defaultExporterPort,
            String upMetric,
            int oldestSupportedMajor,
            String tooOldMessage,
            boolean oldestMajorAppliesToExternal,
            String majorUpgradeRefusal) {
        this.kubernetesName = kubernetesName;
        this.port = port;
        this.defaultExporterPort = defaultExporterPort;
        this.upMetric = upMetric;
        this.oldestSupportedMajor = oldestSupportedMajor;
        this.tooOldMessage = tooOldMessage;
        this.oldestMajorAppliesToExternal = oldestMajorAppliesToExternal;
        this.majorUpgradeRefusal = majorUpgradeRefusal;
    }

    /** The lower-case name in labels ({@code app.kubernetes.io/name}) and file names. */
    public String kubernetesName() {
        return kubernetesName;
    }

    /** The standard port every member listens on. */
    public int port() {
        return port;
    }

    /** The port of the engine's exporter when {@code spec.exporter.port} is unset. */
    public int defaultExporterPort() {
        return defaultExporterPort;
    }

    /** The exporter's metric that is 1 while it reaches the database and 0 otherwise. */
    public String upMetric() {
        return upMetric;
    }

    /** The oldest major version Vigil accepts in {@code spec.version}. */
    public int oldestSupportedMajor() {
        return oldestSupportedMajor;
    }

    /**
     * Whether {@link #oldestSupportedMajor()} holds in External mode too: an end-of-life MongoDB is
     * refused anywhere (its exporter's metrics would mislead), while an older PostgreSQL that
     * someone else runs can still be monitored.
     */
    public boolean oldestMajorAppliesToExternal() {
        return oldestMajorAppliesToExternal;
    }

    /** Why a version older than {@link #oldestSupportedMajor()} is refused. */
    public String tooOldMessage() {
        return tooOldMessage;
    }

    /**
     * Why Vigil refuses to change a running database's major version, or empty when the engine
     * upgrades its data in place (MongoDB, with its featureCompatibilityVersion).
     */
    public java.util.Optional<String> majorUpgradeRefusal() {
        return java.util.Optional.ofNullable(majorUpgradeRefusal);
    }
}
