package dev.vigil.e2e.scenarios;

import dev.vigil.e2e.audit.ApiPermission;
import dev.vigil.e2e.audit.OperatorCallFiles;
import dev.vigil.e2e.cluster.LocalCluster;
import dev.vigil.e2e.controlplane.AuditLog.AuditedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps what the operator asked of the local cluster's API server during a scenario class (read
 * from the API server's own audit log, by the operator's service account), reduced to {@link
 * ApiPermission}s, in {@link OperatorCallFiles} for the RBAC audit. Called after each scenario
 * method (once its databases are deleted), so the file is current even if the JVM is killed later.
 * When several classes share a JVM (a {@code -Dtest} run outside the {@code e2e} execution), a
 * later class's file also holds the earlier ones' calls: the audit reads the union.
 */
final class OperatorCallRecorder {

    private static final Map<String, Set<ApiPermission>> USED_BY_CLASS = new HashMap<>();

    private OperatorCallRecorder() {}

    /** Adds the operator's calls so far to those of {@code scenarioClass} and rewrites its file. */
    static synchronized void record(LocalCluster cluster, Class<?> scenarioClass) {
        Set<ApiPermission> used =
                USED_BY_CLASS.computeIfAbsent(scenarioClass.getSimpleName(), c -> new TreeSet<>());
        for (AuditedRequest call : cluster.operatorRequests()) {
            used.add(ApiPermission.of(call));
            if ("patch".equals(call.verb()) && call.code() == 201) {
                // A server-side apply that created the object: the API server authorized create.
                ApiPermission patch = ApiPermission.of(call);
                used.add(
                        new ApiPermission(
                                patch.apiGroup(), patch.resource(), "create", patch.scope()));
            }
        }
        OperatorCallFiles.write(OperatorCallFiles.directory(), scenarioClass.getSimpleName(), used);
    }
}
