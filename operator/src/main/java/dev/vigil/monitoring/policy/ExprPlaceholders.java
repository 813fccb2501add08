package dev.vigil.monitoring.policy;

/**
 * The placeholders a custom rule's {@code expr} may use, so one policy can hold a rule for every
 * database it selects.
 */
final class ExprPlaceholders {

    static final String NAMESPACE = "$namespace";
    static final String DATABASE = "$database";

    private ExprPlaceholders() {}

    /** {@code expr} with the placeholders replaced by {@code namespace} and {@code database}. */
    static String substitute(String expr, String namespace, String database) {
        return expr.replace(NAMESPACE, namespace).replace(DATABASE, database);
    }
}
