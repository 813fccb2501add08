package dev.vigil.monitoring;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks the address under which a team publishes the runbooks of Vigil's default alerts. Each
 * alert's {@code runbook_url} annotation is this base followed by {@code <AlertName>.md}, so the
 * base must be an absolute http or https URL that a file name can follow: a host, no user info, no
 * query and no fragment. A base without a final {@code /} gets one, so that {@code
 * https://wiki.example.com/runbooks} and {@code https://wiki.example.com/runbooks/} mean the same.
 */
public final class RunbookBaseUrl {

    private RunbookBaseUrl() {}

    /**
     * The base URL {@code text} stands for, ending with {@code /}.
     *
     * @throws IllegalArgumentException saying what is wrong with it, without naming where it came
     *     from
     */
    public static String parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "must be an absolute http or https URL, such as"
                            + " https://wiki.example.com/runbooks/: "
                            + e.getReason(),
                    e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "must be an absolute http or https URL, such as"
                            + " https://wiki.example.com/runbooks/");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("must name a host, such as wiki.example.com");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "must not hold user info: every alert would carry it in its runbook_url");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "must not have a query or a fragment: each alert's runbook_url is the base"
                            + " followed by <AlertName>.md");
        }
        return text.endsWith("/") ? text : text + "/";
    }
}
