package dev.vigil.engine.postgres;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.postgres.backup.VerificationPod;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.BuildContext;
import dev.vigil.resources.ConfigHash;
import dev.vigil.resources.DatabaseServiceAccount;
import dev.vigil.resources.DesiredResources;
import dev.vigil.resources.DisruptionBudget;
import dev.vigil.resources.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles everything a Managed PostgreSQL database needs: its generated Secrets (create-only),
 * then the ServiceAccount, the ConfigMap, the primary's ConfigMap, the Services, the NetworkPolicy
 * (unless opted out), the StatefulSet and, for more than one member, the PodDisruptionBudget, in
 * the order they should be applied: the pods find their account, and the budget finds pods to
 * select.
 *
 * <p>The primary is {@link BuildContext#primaryOrdinal()} as the operator observed it, member 0
 * until it observed one (as at creation). It decides the read-write Service's pod and the
 * designated primary in {@link PostgresPrimaryConfigMap}, which new pods' bootstrap reads; it is
 * not part of the StatefulSet, so moving the primary restarts no pod.
 */
public final class PostgresResourcesBuilder {

    /** The primary of a new database. */
    static final int FIRST_PRIMARY = 0;

    private PostgresResourcesBuilder() {}

    /** The desired objects of {@code database}, which must already carry its schema defaults. */
    public static DesiredResources build(MonitoredDatabase database, BuildContext context) {
        int replicas = context.statefulSetReplicas().orElse(database.getSpec().getReplicas());
        int primaryOrdinal = context.primaryOrdinal().orElse(FIRST_PRIMARY);
        // While the StatefulSet is held above spec.replicas, the extra members still stream.
        ConfigMap config =
                PostgresConfigMapBuilder.build(
                        database, Math.max(replicas, database.getSpec().getReplicas()));
        List<HasMetadata> resources = new ArrayList<>();
        resources.add(DatabaseServiceAccount.build(database, StandardLabels.COMPONENT_DATABASE));
        resources.add(config);
        resources.add(PostgresPrimaryConfigMap.build(database, primaryOrdinal));
        resources.addAll(PostgresServicesBuilder.build(database, primaryOrdinal));
        if (NetworkPolicyBuilder.enabled(database)) {
            resources.add(NetworkPolicyBuilder.managed(database, context.network()));
            if (PostgresBackupVerification.enabled(database)) {
                resources.add(
                        NetworkPolicyBuilder.isolatedBackupPods(
                                database,
                                VerificationPod.networkPolicyName(database),
                                VerificationPod.COMPONENT,
                                VerificationPod.selector(database),
                                context.network()));
            }
        }
        resources.add(
                PostgresStatefulSetBuilder.build(
                        database,
                        replicas,
                        ConfigHash.of(config.getData()),
                        context.monitoringCredentialsRevision()));
        DisruptionBudget.forMembers(database, replicas).ifPresent(resources::add);
        return new DesiredResources(
                PostgresSecretsBuilder.build(database, context.credentials()), resources);
    }
}
