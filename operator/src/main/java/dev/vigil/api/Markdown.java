package dev.vigil.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Markdown (GitHub flavour) constructs the generated reference pages need, with their
 * escaping.
 */
public final class Markdown {

    private static final Pattern BACKTICK_RUN = Pattern.compile("`+");

    private Markdown() {}

    /** Plain text made safe for a table cell: one line, no column breaks, no HTML tags. */
    public static String text(String text) {
        return text.replace("\r", "")
                .replace("\n", " ")
                .replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("<", "\\<");
    }

    /**
     * A code span safe for a table cell. The fence is longer than any run of backticks inside;
     * {@code \|} is the table-level escape, which GitHub applies inside code spans too.
     */
    public static String code(String text) {
        int longestRun = 0;
        Matcher runs = BACKTICK_RUN.matcher(text);
        while (runs.find()) {
            longestRun = Math.max(longestRun, runs.group().length());
        }
        String fence = "`".repeat(longestRun + 1);
        String padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
        String body = text.replace("\n", " ").replace("|", "\\|");
        return fence + padding + body + padding + fence;
    }

    public static String link(String text, String target) {
        return "[" + text + "](" + target + ")";
    }

    /**
     * The anchor GitHub (and most renderers) give a heading: lower case, punctuation other than
     * {@code -} and {@code _} dropped, spaces turned into hyphens.
     */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
