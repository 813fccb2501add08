package dev.vigil.engine.verification;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.StandardLabels;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the throwaway pods that verify restores ({@code spec.backup.verify}) have in common,
 * whatever the engine: their name and labels, their NetworkPolicy's name, the {@code verifier}
 * container whose termination message is the result, the server container, and the time they may
 * take.
 */
public final class VerificationPods {

    /** The {@code app.kubernetes.io/component} of verification pods and their NetworkPolicy. */
    public static final String COMPONENT = "backup-verification";

    /** The container that checks the restored server and ends with the result. */
    public static final String VERIFIER = "verifier";

    /** The PostgreSQL restore, an init container: its failure is the restore's. */
    public static final String RESTORE = "restore";

    /** The containers that run the restored server: one stopping early fails the verification. */
    public static final Set<String> SERVERS = Set.of("postgres", "mongod");

    /**
     * How long a verification may run before Kubernetes stops it ({@code activeDeadlineSeconds})
     * and the operator counts it failed: the longest restore allowed plus an hour.
     */
    public static final Duration TIMEOUT = Duration.ofHours(7);

    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private VerificationPods() {}

    /** Whether {@code database} verifies its restores. */
    public static boolean enabled(MonitoredDatabase database) {
        return database.getSpec().getBackup() != null
                && database.getSpec().getBackup().getVerify() != null;
    }

    /** The pod's name for the verification due at {@code due}. */
    public static String name(MonitoredDatabase database, Instant due) {
        return database.getMetadata().getName() + "-verify-" + NAME_TIME.format(due);
    }

    /** The NetworkPolicy of {@code database}'s verification pods. */
    public static String networkPolicyName(MonitoredDatabase database) {
        return database.getMetadata().getName() + "-verify-network";
    }

    /** The labels that select {@code database}'s verification pods. */
    public static Map<String, String> selector(MonitoredDatabase database) {
        return StandardLabels.selector(database, COMPONENT);
    }
}
