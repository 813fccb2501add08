package dev.vigil.status;

import dev.vigil.validation.ChangeRules;
import java.util.Set;

/**
 * Condition reasons (CamelCase, as Kubernetes conventions ask). Tests and docs use these same
 * constants, so the words never drift apart.
 */
public final class Reason {

    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String CREATING = "Creating";
    public static final String PODS_NOT_READY = "PodsNotReady";
    public static final String ROLLOUT_IN_PROGRESS = "RolloutInProgress";
    public static final String REPLICA_SET_INITIALIZING = "ReplicaSetInitializing";
    public static final String MEMBERS_CHANGING = "MembersChanging";
    public static final String MEMBERS_NOT_HEALTHY = "MembersNotHealthy";
    public static final String READY = "ReplicaSetReady";
    public static final String CONVERGED = "Converged";
    public static final String HEALTHY = "Healthy";
    public static final String DATABASE_UNREACHABLE = "DatabaseUnreachable";
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    public static final String DATABASE_COMMAND_FAILED = "DatabaseCommandFailed";
    public static final String RECONCILE_FAILED = "ReconcileFailed";
    public static final String PRIMARY_LOST = "PrimaryLost";
    public static final String FAILOVER_IN_PROGRESS = "FailoverInProgress";
    public static final String FORMER_PRIMARY_RUNNING = "FormerPrimaryRunning";

    /** A canary rollout asks MongoDB's primary to step down. */
    public static final String PRIMARY_HANDING_OVER = "PrimaryHandingOver";

    /** A canary rollout asks for the PostgreSQL primary to move; no target streams yet. */
    public static final String SWITCHOVER_PENDING = "SwitchoverPending";

    /** The PostgreSQL primary was just handed over to a member a canary rollout named. */
    public static final String SWITCHED_OVER = "SwitchedOver";

    /** A PostgreSQL switchover failed; it is retried on the next pass. */
    public static final String SWITCHOVER_FAILED = "SwitchoverFailed";

    public static final String STANDBYS_NOT_STREAMING = "StandbysNotStreaming";
    public static final String REPLICATION_LAGGING = "ReplicationLagging";
    public static final String EXPORTER_UNREACHABLE = "ExporterUnreachable";
    public static final String MONITORING_INSTALLED = "Installed";
    public static final String CRDS_MISSING = "CRDsMissing";
    public static final String MONITORING_NOT_MANAGED = "NotManaged";

    /** {@code spec.tls.issuer} without cert-manager: a Warning Event, like a refusal. */
    public static final String CERT_MANAGER_NOT_INSTALLED = "CertManagerNotInstalled";

    /** {@code spec.tls.issuer}: the database waits for cert-manager to issue its Secret. */
    public static final String CERTIFICATE_PENDING = "CertificatePending";

    /** {@code spec.bootstrap}: the first primary is being restored from the backup. */
    public static final String RESTORING = "Restoring";

    /**
     * {@code spec.bootstrap}: the restore failed (a target outside the window, a store that cannot
     * be read); the pod stays down and the message says why.
     */
    public static final String RESTORE_FAILED = "RestoreFailed";

    /**
     * Reasons for refusing a spec: nothing of it is applied, and it is not retried until it
     * changes.
     */
    public static final Set<String> REFUSALS =
            Set.of(
                    INVALID_SPEC,
                    CERT_MANAGER_NOT_INSTALLED,
                    ChangeRules.MAJOR_UPGRADE_UNSUPPORTED,
                    ChangeRules.STORAGE_SHRINK_UNSUPPORTED);

    private Reason() {}
}
