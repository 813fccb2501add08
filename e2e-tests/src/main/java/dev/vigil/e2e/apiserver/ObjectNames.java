package dev.vigil.e2e.apiserver;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name rules of the API server: most objects need a DNS-1123 subdomain, namespaces a DNS-1123
 * label, Services a DNS-1035 label (they become DNS names).
 */
final class ObjectNames {

    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private ObjectNames() {}

    /** What is wrong with {@code name} for an object of {@code type}, in the API server's words. */
    static Optional<String> problem(ResourceType type, String name) {
        boolean core = type.group().isEmpty();
        if (core && type.plural().equals("services")) {
            return check(
                    name,
                    DNS_1035_LABEL,
                    63,
                    "a DNS-1035 label must consist of lower case alphanumeric characters or '-',"
                            + " start with an alphabetic character, and end with an alphanumeric"
                            + " character (e.g. 'my-name',  or 'abc-123', regex used for validation"
                            + " is '[a-z]([-a-z0-9]*[a-z0-9])?')");
        }
        if (core && type.plural().equals("namespaces")) {
            return check(
                    name,
                    LABEL,
                    63,
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters"
                            + " or '-', and must start and end with an alphanumeric character (e.g."
                            + " 'my-name',  or '123-abc', regex used for validation is"
                            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        }
        return check(
                name,
                SUBDOMAIN,
                253,
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                        + " '-' or '.', and must start and end with an alphanumeric character (e.g."
                        + " 'example.com', regex used for validation is"
                        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    private static Optional<String> check(
            String name, Pattern pattern, int maxLength, String rule) {
        if (name.length() > maxLength) {
            return Optional.of("must be no more than " + maxLength + " characters");
        }
        return pattern.matcher(name).matches() ? Optional.empty() : Optional.of(rule);
    }
}
