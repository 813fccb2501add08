package dev.vigil.validation;

import dev.vigil.api.v1alpha1.BackupSourceDatabase;
import dev.vigil.api.v1alpha1.BackupStore;
import dev.vigil.api.v1alpha1.BootstrapBackup;
import dev.vigil.api.v1alpha1.BootstrapSpec;
import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.ValidationMessages;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code spec.bootstrap}: the rules the API server checks (CEL, same messages), the target time's
 * calendar (the schema's pattern only checks its shape), and the one the API server cannot check,
 * since it needs the resource's name: the source repository must not be the database's own.
 */
final class BootstrapRules {

    private static final int HTTPS_PORT = 443;

    private BootstrapRules() {}

    static void check(
            MonitoredDatabase database, MonitoredDatabaseSpec spec, List<FieldError> errors) {
        BootstrapSpec bootstrap = spec.getBootstrap();
        if (bootstrap == null) {
            return;
        }
        if (!DatabaseMode.runsMembers(spec.getMode())) {
            errors.add(new FieldError("spec.bootstrap", ValidationMessages.BOOTSTRAP_MANAGED));
        }
        BootstrapBackup backup = bootstrap.getBackup();
        if (backup == null) {
            return;
        }
        BackupStore store = backup.getStore();
        if (store != null && (store.getS3() == null) == (store.getVolume() == null)) {
            errors.add(
                    new FieldError(
                            "spec.bootstrap.backup.store",
                            ValidationMessages.BACKUP_STORE_EXACTLY_ONE));
        }
        if (backup.getTargetTime() != null) {
            try {
                OffsetDateTime.parse(backup.getTargetTime());
            } catch (DateTimeParseException e) {
                errors.add(
                        new FieldError(
                                "spec.bootstrap.backup.targetTime",
                                "'"
                                        + backup.getTargetTime()
                                        + "' is not an RFC 3339 time, e.g."
                                        + " 2026-12-05T09:00:00Z"));
            }
        }
        if (spec.getBackup() != null
                && spec.getBackup().getStore() != null
                && store != null
                && backup.getDatabase() != null
                && database.getMetadata() != null) {
            String namespace = database.getMetadata().getNamespace();
            BackupSourceDatabase source = backup.getDatabase();
            String sourceNamespace =
                    source.getNamespace() != null ? source.getNamespace() : namespace;
            Optional<String> own =
                    repository(
                            spec.getBackup().getStore(),
                            namespace,
                            database.getMetadata().getName());
            if (own.isPresent()
                    && own.equals(repository(store, sourceNamespace, source.getName()))) {
                errors.add(
                        new FieldError(
                                "spec.bootstrap.backup",
                                ValidationMessages.BOOTSTRAP_SAME_REPOSITORY));
            }
        }
    }

    /**
     * Where a repository is, as one string: the S3 endpoint's host and port, the bucket and the
     * path {@code <prefix>/<namespace>/<name>}, or the claim and {@code <namespace>/<name>}; empty
     * when the store is incomplete. Two databases' repositories are the same exactly when these
     * are.
     */
    static Optional<String> repository(BackupStore store, String namespace, String name) {
        String own = Objects.toString(namespace, "") + "/" + name;
        if (store.getS3() != null && store.getS3().getEndpoint() != null) {
            URI endpoint;
            try {
                endpoint = URI.create(store.getS3().getEndpoint());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            String prefix = store.getS3().getPrefix();
            return Optional.of(
                    "s3://"
                            + Objects.toString(endpoint.getHost(), "")
                                    .toLowerCase(java.util.Locale.ROOT)
                            + ":"
                            + (endpoint.getPort() > 0 ? endpoint.getPort() : HTTPS_PORT)
                            + "/"
                            + store.getS3().getBucket()
                            + "/"
                            + (prefix == null || prefix.isEmpty() ? "" : prefix + "/")
                            + own);
        }
        if (store.getVolume() != null) {
            return Optional.of("claim://" + store.getVolume().getClaimName() + "/" + own);
        }
        return Optional.empty();
    }
}
