package dev.vigil.e2e.reliability.faults;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * One request to the Kubernetes API as the proxy sees it, reduced to what the fault figures need:
 * the verb as Kubernetes names it (get, list, watch, create, update, patch, delete), the resource
 * (with its subresource, e.g. {@code statefulsets} or {@code monitoreddatabases/status}), and the
 * object's name when the path has one.
 *
 * @param method the HTTP method
 * @param path the path, e.g. {@code /apis/apps/v1/namespaces/ns/statefulsets/orders}
 * @param query the raw query, or empty
 */
public record ApiRequest(String method, String path, String query) {

    public ApiRequest {
        query = query == null ? "" : query;
    }

    static ApiRequest of(String method, URI uri) {
        return new ApiRequest(method.toUpperCase(Locale.ROOT), uri.getRawPath(), uri.getRawQuery());
    }

    public boolean isWatch() {
        return List.of(query.split("&")).contains("watch=true")
                || List.of(query.split("&")).contains("watch=1");
    }

    /** True for create, update, patch and delete. */
    public boolean isWrite() {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    /** The Kubernetes verb. */
    public String verb() {
        Target target = target();
        return switch (method) {
            case "GET", "HEAD" -> isWatch() ? "watch" : target.name() == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> target.name() == null ? "deletecollection" : "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    /** The resource, with its subresource after a slash when there is one. */
    public String resource() {
        return target().resource();
    }

    /** The object's name, or null for a collection. */
    public String name() {
        return target().name();
    }

    /** The same request again: method, path and query. */
    public String identity() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }

    private Target target() {
        String[] parts = path.replaceFirst("^/", "").split("/");
        // /api/v1/... or /apis/<group>/<version>/...
        int start = parts.length > 0 && parts[0].equals("api") ? 2 : 3;
        if (parts.length > start + 1 && parts[start].equals("namespaces")) {
            start += 2;
            if (parts.length == start) {
                return new Target("namespaces", parts[start - 1]);
            }
        }
        if (parts.length <= start) {
            return new Target("discovery", null);
        }
        String resource = parts[start];
        String name = parts.length > start + 1 ? parts[start + 1] : null;
        if (parts.length > start + 2) {
            resource = resource + "/" + parts[start + 2];
        }
        return new Target(resource, name);
    }

    private record Target(String resource, String name) {}
}
