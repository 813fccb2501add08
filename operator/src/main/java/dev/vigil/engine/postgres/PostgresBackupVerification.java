package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.postgres.backup.VerificationPod;
import dev.vigil.engine.verification.VerificationPods;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;

/**
 * The pod that verifies a restore of a PostgreSQL database ({@code spec.backup.verify}), with what
 * only this engine knows: the members' image, user and paths.
 */
public final class PostgresBackupVerification {

    private PostgresBackupVerification() {}

    /** Whether {@code database} verifies its restores. */
    public static boolean enabled(MonitoredDatabase database) {
        return VerificationPods.enabled(database);
    }

    /** The verification pod of {@code database} (already defaulted) due at {@code due}. */
    public static Pod pod(MonitoredDatabase database, Instant due) {
        return VerificationPod.build(
                database,
                new VerificationPod.Server(
                        PostgresContainers.image(database),
                        PostgresStatefulSetBuilder.POSTGRES_UID,
                        PostgresBackupMembers.SERVER),
                due);
    }
}
