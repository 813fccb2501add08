package dev.vigil.api.v1alpha1;

/**
 * The reasons the CRDs' CEL rules ({@code x-kubernetes-validations}) give when the API server
 * refuses a resource, shared with the offline checks of {@code vigil validate} ({@code
 * dev.vigil.validation.SpecRules} and {@code dev.vigil.monitoring.policy.AlertPolicyRules}), so
 * that both say the same words about the same field. Each reads after the field it names, e.g.
 * {@code spec.tls: must have secretName or issuer, not both}.
 */
public final class ValidationMessages {

    /** The longest name a MonitoredDatabase may have; {@code SpecRules} says why. */
    public static final int MAX_DATABASE_NAME_LENGTH = 52;

    /**
     * Starts the messages of the rules on {@code metadata.name}: the API server reports a rule on
     * the root of a resource without a field.
     */
    public static final String METADATA_NAME = "metadata.name ";

    /**
     * Why: the StatefulSet labels its pods {@code controller-revision-hash=<name>-<hash>}, where
     * the hash has up to 10 characters, and a label value may have at most 63.
     */
    public static final String NAME_TOO_LONG =
            "must be at most "
                    + MAX_DATABASE_NAME_LENGTH
                    + " characters: the StatefulSet labels its pods"
                    + " controller-revision-hash=<name>-<hash of up to 10 characters>, and a label"
                    + " value, like the Service name <name>-members, may have at most 63";

    public static final String NAME_NOT_DNS_1035 =
            "must be a DNS-1035 label (lowercase letters, digits and '-', starting with a letter"
                    + " and ending with a letter or digit): Vigil names Services after it";

    public static final String POSTGRESQL_TOO_OLD =
            "PostgreSQL 13 and older are not supported; Vigil runs PostgreSQL 14 and newer";
    public static final String MONGODB_END_OF_LIFE =
            "MongoDB 4.x and older are end of life; Vigil supports 5.0 and newer";

    public static final String EXTERNAL_TARGET_REQUIRED =
            "needs endpoints or uriSecret in External mode: where the exporter connects";
    public static final String EXTERNAL_TARGET_AMBIGUOUS =
            "must have endpoints or uriSecret, not both";
    public static final String EXTERNAL_CREDENTIALS_REQUIRED =
            "is required in External mode: the Secret with the username and password of the"
                    + " exporter's monitoring user on the database";
    public static final String EXTERNAL_FIELD_UNUSED =
            "must be unset in External mode: Vigil runs no database there, only its exporter";
    public static final String EXTERNAL_EXPORTER_REQUIRED =
            "must not be false in External mode: External mode runs only the exporter";
    public static final String BACKUP_MANAGED =
            "is available for databases Vigil runs (Managed mode); back up an External database"
                    + " with its provider's tools";

    /** MongoDB backups are dumps, each restorable to the moment it finished. */
    public static final String BACKUP_MONGODB_ARCHIVING =
            "cannot be true for MongoDB: its backups are mongodump archives with the oplog, each"
                    + " restorable to the moment it finished; continuous oplog archiving is not"
                    + " available";

    public static final String BOOTSTRAP_MANAGED =
            "is available for databases Vigil runs (Managed mode): it restores a backup that"
                    + " Vigil took";

    /** The source repository is the one this database would archive into. */
    public static final String BOOTSTRAP_SAME_REPOSITORY =
            "names this database's own repository (spec.backup.store with the same namespace and"
                    + " name): a restored database archiving into the repository it was restored"
                    + " from would corrupt it; restore from another database, or give spec.backup"
                    + " another store, bucket or prefix";

    public static final String BACKUP_STORE_EXACTLY_ONE = "set exactly one of s3 and volume";

    public static final String BACKUP_RETENTION_ONE_RULE =
            "set count or days, not both: backups are kept by one rule";

    public static final String EXTERNAL_ONLY = "is used only in External mode";

    /** Ends the message of an exporter port that is the database's, after the engine's port. */
    public static final String EXPORTER_PORT_CONFLICT_WHY =
            ": the exporter runs in the same pod and needs a port of its own";

    /** The exporter-port rule's fallback, for when its message naming the port cannot be built. */
    public static final String EXPORTER_PORT_CONFLICT =
            "conflicts with the database port" + EXPORTER_PORT_CONFLICT_WHY;

    public static final String PROMETHEUS_URL_REQUIRED =
            "is required when healthGate.analysis or healthGate.standardAnalyses is set";

    /** Starts the message of a scrape timeout longer than the interval; the interval follows. */
    public static final String SCRAPE_TIMEOUT_TOO_LONG =
            "must not be longer than monitoring.interval";

    /** Ends the message of a scrape timeout longer than the interval. */
    public static final String SCRAPE_TIMEOUT_TOO_LONG_WHY =
            ": Prometheus refuses such a scrape config";

    public static final String TLS_SOURCE_REQUIRED =
            "needs secretName or issuer when enabled: the Secret with the server certificate, or"
                    + " the cert-manager issuer that issues it";
    public static final String TLS_SOURCE_AMBIGUOUS = "must have secretName or issuer, not both";
    public static final String TLS_EXTERNAL =
            "must not be true in External mode: Vigil runs no server there; ask the exporter for"
                    + " TLS in the connection URI (spec.external.uriSecret)";

    public static final String NETWORK_PEER_EMPTY =
            "needs podSelector, namespaceSelector or both: a NetworkPolicy peer must select";

    public static final String SELECTS_NOTHING =
            "selects nothing: give matchLabels, matchExpressions or names";

    /**
     * The engine and the mode are fixed at creation: transition rules ({@code self == oldSelf}),
     * which {@code vigil validate --previous} checks against the previous revision.
     */
    public static final String ENGINE_IMMUTABLE = "engine is immutable";

    public static final String MODE_IMMUTABLE = "mode is immutable";

    /**
     * {@code spec.bootstrap} is read once, when the first primary is created: set at creation only,
     * never changed; removing it later is allowed (the data stay).
     */
    public static final String BOOTSTRAP_IMMUTABLE =
            "is set only when the database is created and cannot change afterwards: the database"
                    + " was restored from it once (it may be removed)";

    /**
     * CEL: the spec (as {@code self}) is in External mode. The API server stores the schema's
     * default mode (Managed) before any rule runs; the {@code has} keeps the rules total anyway.
     */
    static final String EXTERNAL = "(has(self.mode) && self.mode == 'External')";

    /** CEL: {@code spec.tls.enabled} is true. */
    static final String TLS_ENABLED =
            "(has(self.tls) && has(self.tls.enabled) && self.tls.enabled)";

    private ValidationMessages() {}
}
