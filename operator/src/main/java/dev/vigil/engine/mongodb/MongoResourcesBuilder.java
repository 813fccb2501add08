package dev.vigil.engine.mongodb;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.mongodb.backup.MongoBackupCronJob;
import dev.vigil.engine.mongodb.backup.MongoRestorePod;
import dev.vigil.engine.verification.VerificationPods;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.ConfigHash;
import dev.vigil.resources.DatabasePorts;
import dev.vigil.resources.DatabaseServiceAccount;
import dev.vigil.resources.DesiredResources;
import dev.vigil.resources.DisruptionBudget;
import dev.vigil.resources.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles everything a Managed MongoDB database needs: its generated Secrets (create-only), then
 * the ServiceAccount, the ConfigMap, the Services, the NetworkPolicy (unless opted out), the
 * StatefulSet, for more than one member the PodDisruptionBudget, and with {@code spec.backup} the
 * backup CronJob and its pods' NetworkPolicy, in the order they should be applied: the pods find
 * their account, and the budget finds pods to select.
 */
public final class MongoResourcesBuilder {

    private MongoResourcesBuilder() {}

    /** The desired objects of {@code database}, which must already carry its schema defaults. */
    public static DesiredResources build(MonitoredDatabase database, BuildContext context) {
        ConfigMap config = MongoConfigMapBuilder.build(database);
        int replicas = context.statefulSetReplicas().orElse(database.getSpec().getReplicas());
        List<HasMetadata> resources = new ArrayList<>();
        resources.add(DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_DATABASE));
        resources.add(config);
        resources.addAll(MongoServicesBuilder.build(database));
        if (NetworkPolicyBuilder.enabled(database)) {
            resources.add(NetworkPolicyBuilder.managed(database, context.network()));
        }
        resources.add(
                MongoStatefulSetBuilder.build(
                        database,
                        replicas,
                        ConfigHash.of(config.getData()),
                        context.monitoringCredentialsRevision()));
        DisruptionBudget.forMembers(database, replicas).ifPresent(resources::add);
        if (database.getSpec().getBackup() != null) {
            resources.add(MongoBackupCronJob.build(database, MongodContainers.image(database)));
            if (NetworkPolicyBuilder.enabled(database)) {
                resources.add(
                        NetworkPolicyBuilder.databaseToolPods(
                                database,
                                MongoBackupCronJob.networkPolicyName(database),
                                MongoBackupCronJob.COMPONENT,
                                DatabasePorts.backupStore(database),
                                context.network()));
            }
        }
        if (VerificationPods.enabled(database) && NetworkPolicyBuilder.enabled(database)) {
            resources.add(
                    NetworkPolicyBuilder.isolatedBackupPods(
                            database,
                            VerificationPods.networkPolicyName(database),
                            VerificationPods.COMPONENT,
                            VerificationPods.selector(database),
                            context.network()));
        }
        if (database.getSpec().getBootstrap() != null && NetworkPolicyBuilder.enabled(database)) {
            resources.add(
                    NetworkPolicyBuilder.databaseToolPods(
                            database,
                            MongoRestorePod.networkPolicyName(database),
                            MongoRestorePod.COMPONENT,
                            DatabasePorts.bootstrapStore(database),
                            context.network()));
        }
        return new DesiredResources(
                MongoSecretsBuilder.build(database, context.credentials()), resources);
    }
}
