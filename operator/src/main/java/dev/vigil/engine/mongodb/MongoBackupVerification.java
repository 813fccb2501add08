package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.mongodb.backup.MongoVerificationPod;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;

/**
 * The pod that verifies a restore of a MongoDB database ({@code spec.backup.verify}), with what
 * only this engine knows: the members' image.
 */
public final class MongoBackupVerification {

    private MongoBackupVerification() {}

    /** The verification pod of {@code database} (already defaulted) due at {@code due}. */
    public static Pod pod(MonitoredDatabase database, Instant due) {
        return MongoVerificationPod.build(database, MongodContainers.image(database), due);
    }
}
