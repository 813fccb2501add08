package dev.vigil.monitoring.promql;

/** The types a PromQL expression can evaluate to. */
enum ValueType {
    SCALAR("scalar"),
    VECTOR("instant vector"),
    MATRIX("range vector"),
    STRING("string");

    private final String documentedName;

    ValueType(String documentedName) {
        this.documentedName = documentedName;
    }

    /** The name the Prometheus documentation uses, e.g. "range vector". */
    String documentedName() {
        return documentedName;
    }
}
