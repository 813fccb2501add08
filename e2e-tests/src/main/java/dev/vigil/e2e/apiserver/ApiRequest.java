package dev.vigil.e2e.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP request to the API server, read the way the API server's request-info resolver reads it:
 * a resource request ({@code /api/v1/namespaces/ns/pods/p/status}) names its API group, version,
 * namespace, resource, name and subresource, and gets the verb RBAC uses for it; anything else
 * ({@code /version}, {@code /apis}, {@code /openapi/v3}) is a non-resource request whose verb is
 * the lower-case HTTP method.
 *
 * @param method HTTP method, upper case
 * @param path the path without the query
 * @param query decoded query parameters (the last value of each)
 * @param resourceRequest whether the path names a resource
 * @param verb the RBAC verb: get, list, watch, create, update, patch, delete, deletecollection
 * @param group API group, empty for the core group; null for non-resource requests
 * @param version API version; null for non-resource requests and group discovery
 * @param namespace namespace, or null
 * @param resource plural resource name, or null
 * @param name object name, or null
 * @param subresource subresource such as {@code status}, or null
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> query,
        boolean resourceRequest,
        String verb,
        String group,
        String version,
        String namespace,
        String resource,
        String name,
        String subresource) {

    /** Subresources of a namespace, which otherwise look like a resource inside it. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** Parses {@code method} and the request URI ({@code path?query}). */
    public static ApiRequest parse(String method, String uri) {
        String upperMethod = method.toUpperCase(Locale.ROOT);
        int queryStart = uri.indexOf('?');
        String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        Map<String, String> query =
                queryStart < 0 ? Map.of() : parseQuery(uri.substring(queryStart + 1));
        List<String> segments = segments(path);
        int groupVersionEnd;
        String group;
        String version;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            version = segments.get(1);
            groupVersionEnd = 2;
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            version = segments.get(2);
            groupVersionEnd = 3;
        } else {
            return nonResource(upperMethod, path, query);
        }
        List<String> rest = new ArrayList<>(segments.subList(groupVersionEnd, segments.size()));
        boolean watchPrefix = !rest.isEmpty() && rest.get(0).equals("watch");
        if (watchPrefix) {
            rest.remove(0);
        }
        if (rest.isEmpty()) {
            return nonResource(upperMethod, path, query);
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces")
                && rest.size() >= 3
                && !(group.isEmpty()
                        && NAMESPACE_SUBRESOURCES.contains(rest.get(2))
                        && rest.size() == 3)) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String subresource =
                rest.size() > 2 ? String.join("/", rest.subList(2, rest.size())) : null;
        if (resource.equals("namespaces") && namespace == null && name != null) {
            namespace = name;
        }
        boolean watch = watchPrefix || isTrue(query.get("watch"));
        return new ApiRequest(
                upperMethod,
                path,
                query,
                true,
                verb(upperMethod, name != null, watch),
                group,
                version,
                namespace,
                resource,
                name,
                subresource);
    }

    private static ApiRequest nonResource(String method, String path, Map<String, String> query) {
        return new ApiRequest(
                method,
                path,
                query,
                false,
                method.toLowerCase(Locale.ROOT),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static String verb(String method, boolean named, boolean watch) {
        return switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.put(key, value);
        }
        return Map.copyOf(parameters);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Whether this is a watch, by either the query or the legacy {@code /watch/} prefix. */
    public boolean isWatch() {
        return "watch".equals(verb);
    }

    /** Whether this addresses the resource itself rather than one of its subresources. */
    public boolean isMainResource() {
        return subresource == null;
    }

    /** A query parameter. */
    public Optional<String> queryParameter(String key) {
        return Optional.ofNullable(query.get(key));
    }

    /** The {@code group/version} the request addresses ({@code v1} for the core group). */
    public String apiVersion() {
        return group == null || group.isEmpty() ? version : group + "/" + version;
    }
}
