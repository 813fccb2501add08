package dev.vigil.rollout.analysis;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An analysis query with {@value #PODS} replaced by the pods under test, as a regular expression
 * that matches exactly their names: {@code pod=~"$(pods)"} scopes a query to a canary's members;
 * and {@value #NAMESPACE} and {@value #DATABASE} by the database's namespace and name, so that a
 * written analysis need not repeat them.
 */
public final class ScopedQuery {

    /** The token a query writes where the pods under test go, inside a label matcher. */
    public static final String PODS = "$(pods)";

    /** The token a query writes where the database's namespace goes. */
    public static final String NAMESPACE = "$(namespace)";

    /** The token a query writes where the database's name goes. */
    public static final String DATABASE = "$(database)";

    private ScopedQuery() {}

    /**
     * {@code query} with {@value #NAMESPACE} and {@value #DATABASE} replaced by {@code series}'
     * namespace and name (DNS labels: nothing to quote), and {@value #PODS} as by {@link
     * #of(String, List)}.
     */
    public static String of(String query, DatabaseSeries series, List<String> pods) {
        return of(
                query.replace(NAMESPACE, series.namespace()).replace(DATABASE, series.name()),
                pods);
    }

    /**
     * {@code query} with every {@value #PODS} replaced by an alternation of {@code pods}, each
     * quoted for a PromQL regular expression inside a double-quoted string.
     */
    public static String of(String query, List<String> pods) {
        if (!query.contains(PODS)) {
            return query;
        }
        String alternation =
                pods.stream().map(ScopedQuery::literal).collect(Collectors.joining("|"));
        return query.replace(PODS, alternation);
    }

    /** A pod name as a regular expression that matches only it, escaped for a PromQL string. */
    private static String literal(String pod) {
        // Pod names are DNS labels: only '.' and '-' could mean something in a regex, and the
        // backslash that quotes them must itself be escaped inside a PromQL string.
        return Pattern.compile("[.]").matcher(pod).replaceAll("\\\\\\\\.");
    }
}
