package dev.vigil.e2e.apiserver;

import java.time.Instant;

/**
 * One request the embedded API server answered, as an audit log would record it: who asked (the
 * client's User-Agent), what for (the RBAC verb, API group, resource, subresource, namespace and
 * name), and how it was answered.
 *
 * @param time when the request arrived
 * @param method HTTP method
 * @param uri path and query as sent
 * @param verb RBAC verb: get, list, watch, create, update, patch, delete, deletecollection; for a
 *     non-resource request, the lower-case HTTP method
 * @param group API group, empty for the core group, null for a non-resource request
 * @param version API version, null for a non-resource request
 * @param resource plural resource name, null for a non-resource request
 * @param subresource subresource such as {@code status}, or null
 * @param namespace namespace, or null
 * @param name object name, or null
 * @param userAgent the client's User-Agent header, or an empty string
 * @param statusCode the HTTP status of the answer
 */
public record ApiCall(
        Instant time,
        String method,
        String uri,
        String verb,
        String group,
        String version,
        String resource,
        String subresource,
        String namespace,
        String name,
        String userAgent,
        int statusCode) {

    /** Whether this was a request for a resource (not discovery, version or OpenAPI). */
    public boolean isResourceRequest() {
        return resource != null;
    }

    /** The resource as RBAC rules name it: {@code pods}, or {@code pods/status}. */
    public String resourceWithSubresource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /** Whether the client was kubectl. */
    public boolean fromKubectl() {
        return userAgent.startsWith("kubectl");
    }

    @Override
    public String toString() {
        return verb
                + " "
                + (isResourceRequest()
                        ? (group.isEmpty() ? "" : group + "/")
                                + resourceWithSubresource()
                                + (namespace == null ? "" : " -n " + namespace)
                                + (name == null ? "" : " " + name)
                        : uri)
                + " -> "
                + statusCode;
    }
}
