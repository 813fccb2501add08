package dev.vigil.e2e.apiserver;

import java.util.List;

/**
 * A kind of object the API server serves, as discovery describes it: where it lives ({@code
 * group/version}, plural name), what it is called ({@code kind}, singular and short names,
 * categories such as {@code all}), whether it is namespaced, which verbs it takes and which
 * subresources it has.
 *
 * @param group API group, empty for the core group
 * @param version API version
 * @param plural plural resource name, as in the URL
 * @param singular singular resource name
 * @param kind the object's kind
 * @param namespaced whether objects live in a namespace
 * @param verbs the verbs the resource takes
 * @param shortNames abbreviations kubectl accepts, e.g. {@code mdb}
 * @param categories categories kubectl accepts, e.g. {@code all}
 * @param statusSubresource whether status is written only through {@code /status}
 */
public record ResourceType(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> verbs,
        List<String> shortNames,
        List<String> categories,
        boolean statusSubresource) {

    /** The verbs of an ordinary resource. */
    public static final List<String> ALL_VERBS =
            List.of(
                    "create",
                    "delete",
                    "deletecollection",
                    "get",
                    "list",
                    "patch",
                    "update",
                    "watch");

    /** The verbs of a {@code status} subresource. */
    public static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    public ResourceType {
        verbs = List.copyOf(verbs);
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
    }

    /** {@code group/version}, or just {@code version} for the core group. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code plural.group} as API errors name it, e.g. {@code monitoreddatabases.vigil.dev}. */
    public String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /**
     * {@code Kind.group} as validation errors name it, e.g. {@code MonitoredDatabase.vigil.dev}.
     */
    public String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    /** The collection path of this resource in {@code namespace} (ignored when cluster-scoped). */
    public String collectionPath(String namespace) {
        String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return namespaced && namespace != null
                ? prefix + "/namespaces/" + namespace + "/" + plural
                : prefix + "/" + plural;
    }

    /** The path of the object {@code name} in {@code namespace}. */
    public String objectPath(String namespace, String name) {
        return collectionPath(namespace) + "/" + name;
    }
}
