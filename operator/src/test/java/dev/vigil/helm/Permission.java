package dev.vigil.helm;

/**
 * One verb on one resource of one API group, the unit in which RBAC rules and the permissions table
 * of docs/operations.md are compared.
 *
 * @param group the API group, empty for the core group
 * @param resource the resource, with its subresource after a slash ({@code pods}, {@code
 *     monitoreddatabases/status})
 * @param verb the verb
 */
record Permission(String group, String resource, String verb) implements Comparable<Permission> {

    @Override
    public int compareTo(Permission other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
    }
}
