package dev.vigil.validation;

import dev.vigil.api.v1alpha1.MonitoredDatabaseSpec;
import dev.vigil.api.v1alpha1.ServiceAccountSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code spec.serviceAccount.annotations}: keys the API server accepts on the ServiceAccount, none
 * of them Vigil's own, and no more than it accepts in all.
 */
final class ServiceAccountRules {

    static final String FIELD = "spec.serviceAccount.annotations";

    static final String KEY_SYNTAX =
            "is not a valid annotation key: an optional prefix (a DNS subdomain of at most 253"
                    + " characters, then '/'), then a name of at most 63 letters, digits, '-', '_'"
                    + " or '.', starting and ending with a letter or digit";

    static final String RESERVED_PREFIX = "vigil.dev/";

    /** What the API server allows for all the annotations of one object, keys and values. */
    static final int MAX_TOTAL_BYTES = 256 * 1024;

    private static final Pattern NAME =
            Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern PREFIX =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int PREFIX_MAX_LENGTH = 253;

    private ServiceAccountRules() {}

    /** Adds to {@code errors} what {@code spec} breaks. */
    static void check(MonitoredDatabaseSpec spec, List<FieldError> errors) {
        ServiceAccountSpec account = spec.getServiceAccount();
        if (account == null || account.getAnnotations() == null) {
            return;
        }
        int bytes = 0;
        for (Map.Entry<String, String> annotation : account.getAnnotations().entrySet()) {
            String key = annotation.getKey();
            if (!validKey(key)) {
                errors.add(new FieldError(FIELD, "key '" + key + "' " + KEY_SYNTAX));
            } else if (key.startsWith(RESERVED_PREFIX)) {
                errors.add(
                        new FieldError(
                                FIELD,
                                "key '"
                                        + key
                                        + "' is reserved: keys under "
                                        + RESERVED_PREFIX
                                        + " are Vigil's own"));
            }
            bytes += utf8Length(key) + utf8Length(annotation.getValue());
        }
        if (bytes > MAX_TOTAL_BYTES) {
            errors.add(
                    new FieldError(
                            FIELD,
                            "holds "
                                    + bytes
                                    + " bytes of keys and values; the API server accepts at most"
                                    + " 256 KiB of annotations on one object"));
        }
    }

    /** A qualified name, as the API server checks annotation and label keys. */
    static boolean validKey(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.length() > PREFIX_MAX_LENGTH || !PREFIX.matcher(prefix).matches()) {
                return false;
            }
        }
        return NAME.matcher(name).matches();
    }

    private static int utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
