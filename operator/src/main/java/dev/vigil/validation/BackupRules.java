package dev.vigil.validation;

import dev.vigil.api.BackupSchedule;
import dev.vigil.api.v1alpha1.BackupRetention;
import dev.vigil.api.v1alpha1.BackupSpec;
import dev.vigil.api.v1alpha1.BackupStore;
import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.ValidationMessages;
import java.util.List;

/**
 * {@code spec.backup}: the rules the API server checks (CEL on the types, with the same messages)
 * and the one it cannot, the schedule's cron syntax.
 */
final class BackupRules {

    private BackupRules() {}

    static void check(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        BackupSpec backup = spec.getBackup();
        if (backup == null) {
            return;
        }
        if (!DatabaseMode.runsMembers(spec.getMode())) {
            errors.add(new FieldError("spec.backup", ValidationMessages.BACKUP_MANAGED));
        }
        if (spec.getEngine() == Engine.MongoDB && Boolean.TRUE.equals(backup.getArchiving())) {
            errors.add(
                    new FieldError(
                            "spec.backup.archiving", ValidationMessages.BACKUP_MONGODB_ARCHIVING));
        }
        if (backup.getSchedule() != null) {
            try {
                BackupSchedule.parse(backup.getSchedule());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("spec.backup.schedule", e.getMessage()));
            }
        }
        if (backup.getVerify() != null) {
            try {
                BackupSchedule.parse(backup.getVerify().getSchedule());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("spec.backup.verify.schedule", e.getMessage()));
            }
        }
        BackupStore store = backup.getStore();
        if (store != null && (store.getS3() == null) == (store.getVolume() == null)) {
            errors.add(
                    new FieldError(
                            "spec.backup.store", ValidationMessages.BACKUP_STORE_EXACTLY_ONE));
        }
        BackupRetention retention = backup.getRetention();
        if (retention != null && retention.getCount() != null && retention.getDays() != null) {
            errors.add(
                    new FieldError(
                            "spec.backup.retention", ValidationMessages.BACKUP_RETENTION_ONE_RULE));
        }
    }
}
