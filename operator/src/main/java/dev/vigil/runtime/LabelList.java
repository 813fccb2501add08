package dev.vigil.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses labels written as comma-separated {@code key=value} pairs, the form of the operator's
 * label flags ({@code --operator-pod-labels app.kubernetes.io/name=vigil-operator}), with the
 * syntax rules the API server applies to label keys and values.
 */
final class LabelList {

    // An optional DNS-subdomain prefix and '/', then a name of at most 63 characters.
    private static final Pattern NAME =
            Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern PREFIX =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int PREFIX_MAX_LENGTH = 253;

    private LabelList() {}

    /**
     * The labels in {@code text}, in the order written.
     *
     * @throws IllegalArgumentException naming the first pair that is not a valid label, or when
     *     there is none (a selector without labels would match every pod)
     */
    static Map<String, String> parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a key=value label");
            }
            String key = trimmed.substring(0, equals).trim();
            String value = trimmed.substring(equals + 1).trim();
            if (!validKey(key)) {
                throw new IllegalArgumentException(
                        "'"
                                + key
                                + "' is not a label key (an optional DNS prefix and '/', then"
                                + " at most 63 letters, digits, '-', '_' or '.')");
            }
            if (!value.isEmpty() && !NAME.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + value
                                + "' is not a label value (at most 63 letters, digits, '-', '_'"
                                + " or '.', starting and ending with a letter or digit)");
            }
            labels.put(key, value);
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("must hold at least one key=value label");
        }
        return labels;
    }

    /** The labels as {@link #parse} reads them: {@code key=value} pairs joined by commas. */
    static String format(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(","));
    }

    private static boolean validKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return NAME.matcher(key).matches();
        }
        String prefix = key.substring(0, slash);
        return prefix.length() <= PREFIX_MAX_LENGTH
                && PREFIX.matcher(prefix).matches()
                && NAME.matcher(key.substring(slash + 1)).matches();
    }
}
