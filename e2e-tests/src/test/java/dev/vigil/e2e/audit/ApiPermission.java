package dev.vigil.e2e.audit;

import dev.vigil.e2e.controlplane.AuditLog.AuditedRequest;
import java.util.Comparator;

/**
 * One kind of request as RBAC sees it: a verb on a resource (with its subresource, as rules name
 * it: {@code monitoreddatabases/status}) of an API group, in one namespace or across the cluster.
 * The API server's calls of a client, reduced to these, say what permissions it used.
 *
 * @param apiGroup API group, empty for the core group
 * @param resource plural resource name, with {@code /subresource} when there is one
 * @param verb RBAC verb: get, list, watch, create, update, patch, delete, deletecollection
 * @param scope {@link Scope#NAMESPACE} for a request in one namespace, {@link Scope#CLUSTER} for a
 *     cluster-scoped object or a request across all namespaces
 */
public record ApiPermission(String apiGroup, String resource, String verb, Scope scope)
        implements Comparable<ApiPermission> {

    /** Where a request reaches: one namespace, or the whole cluster. */
    public enum Scope {
        NAMESPACE,
        CLUSTER
    }

    private static final Comparator<ApiPermission> ORDER =
            Comparator.comparing(ApiPermission::apiGroup)
                    .thenComparing(ApiPermission::resource)
                    .thenComparing(ApiPermission::verb)
                    .thenComparing(ApiPermission::scope);

    /** The permission a recorded request to a resource needed. */
    public static ApiPermission of(AuditedRequest call) {
        return new ApiPermission(
                call.group(),
                call.resourceWithSubresource(),
                call.verb(),
                call.namespace() == null ? Scope.CLUSTER : Scope.NAMESPACE);
    }

    @Override
    public int compareTo(ApiPermission other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return verb
                + " "
                + (apiGroup.isEmpty() ? "" : apiGroup + "/")
                + resource
                + (scope == Scope.CLUSTER ? " (cluster-wide)" : "");
    }
}
