package dev.vigil.e2e.apiserver;

import static dev.vigil.e2e.apiserver.ResourceType.ALL_VERBS;

import java.util.List;
import java.util.Locale;

/**
 * The built-in kinds the embedded API server serves: those Vigil, its chart and the simulated
 * control plane use, with the names, short names and categories a real API server gives them.
 */
final class BuiltInResources {

    private static final List<String> NAMESPACE_VERBS =
            List.of("create", "delete", "get", "list", "patch", "update", "watch");

    static final List<ResourceType> ALL =
            List.of(
                    core(
                            "namespaces",
                            "Namespace",
                            false,
                            NAMESPACE_VERBS,
                            List.of("ns"),
                            false,
                            true),
                    core("nodes", "Node", false, ALL_VERBS, List.of("no"), false, true),
                    core("pods", "Pod", true, ALL_VERBS, List.of("po"), true, true),
                    core("services", "Service", true, ALL_VERBS, List.of("svc"), true, true),
                    core("endpoints", "Endpoints", true, ALL_VERBS, List.of("ep"), false, false),
                    core("secrets", "Secret", true, ALL_VERBS, List.of(), false, false),
                    core("configmaps", "ConfigMap", true, ALL_VERBS, List.of("cm"), false, false),
                    core(
                            "serviceaccounts",
                            "ServiceAccount",
                            true,
                            ALL_VERBS,
                            List.of("sa"),
                            false,
                            false),
                    core(
                            "persistentvolumeclaims",
                            "PersistentVolumeClaim",
                            true,
                            ALL_VERBS,
                            List.of("pvc"),
                            false,
                            true),
                    core("events", "Event", true, ALL_VERBS, List.of("ev"), false, false),
                    apps("statefulsets", "StatefulSet", List.of("sts")),
                    apps("deployments", "Deployment", List.of("deploy")),
                    apps("replicasets", "ReplicaSet", List.of("rs")),
                    new ResourceType(
                            "apps",
                            "v1",
                            "controllerrevisions",
                            "controllerrevision",
                            "ControllerRevision",
                            true,
                            ALL_VERBS,
                            List.of(),
                            List.of(),
                            false),
                    new ResourceType(
                            "policy",
                            "v1",
                            "poddisruptionbudgets",
                            "poddisruptionbudget",
                            "PodDisruptionBudget",
                            true,
                            ALL_VERBS,
                            List.of("pdb"),
                            List.of(),
                            true),
                    new ResourceType(
                            "networking.k8s.io",
                            "v1",
                            "networkpolicies",
                            "networkpolicy",
                            "NetworkPolicy",
                            true,
                            ALL_VERBS,
                            List.of("netpol"),
                            List.of(),
                            false),
                    new ResourceType(
                            "apiextensions.k8s.io",
                            "v1",
                            "customresourcedefinitions",
                            "customresourcedefinition",
                            "CustomResourceDefinition",
                            false,
                            ALL_VERBS,
                            List.of("crd", "crds"),
                            List.of("api-extensions"),
                            true),
                    new ResourceType(
                            "coordination.k8s.io",
                            "v1",
                            "leases",
                            "lease",
                            "Lease",
                            true,
                            ALL_VERBS,
                            List.of(),
                            List.of(),
                            false),
                    new ResourceType(
                            "events.k8s.io",
                            "v1",
                            "events",
                            "event",
                            "Event",
                            true,
                            ALL_VERBS,
                            List.of("ev"),
                            List.of(),
                            false),
                    new ResourceType(
                            "storage.k8s.io",
                            "v1",
                            "storageclasses",
                            "storageclass",
                            "StorageClass",
                            false,
                            ALL_VERBS,
                            List.of("sc"),
                            List.of(),
                            false),
                    rbac("roles", "Role", true),
                    rbac("rolebindings", "RoleBinding", true),
                    rbac("clusterroles", "ClusterRole", false),
                    rbac("clusterrolebindings", "ClusterRoleBinding", false));

    private BuiltInResources() {}

    /** The built-in resource {@code plural} of {@code group}. */
    static ResourceType find(String group, String plural) {
        return ALL.stream()
                .filter(type -> type.group().equals(group) && type.plural().equals(plural))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("no built-in " + group + "/" + plural));
    }

    private static ResourceType core(
            String plural,
            String kind,
            boolean namespaced,
            List<String> verbs,
            List<String> shortNames,
            boolean inCategoryAll,
            boolean statusSubresource) {
        return new ResourceType(
                "",
                "v1",
                plural,
                kind.toLowerCase(Locale.ROOT),
                kind,
                namespaced,
                verbs,
                shortNames,
                inCategoryAll ? List.of("all") : List.of(),
                statusSubresource);
    }

    private static ResourceType apps(String plural, String kind, List<String> shortNames) {
        return new ResourceType(
                "apps",
                "v1",
                plural,
                kind.toLowerCase(Locale.ROOT),
                kind,
                true,
                ALL_VERBS,
                shortNames,
                List.of("all"),
                true);
    }

    private static ResourceType rbac(String plural, String kind, boolean namespaced) {
        return new ResourceType(
                "rbac.authorization.k8s.io",
                "v1",
                plural,
                kind.toLowerCase(Locale.ROOT),
                kind,
                namespaced,
                ALL_VERBS,
                List.of(),
                List.of(),
                false);
    }
}
