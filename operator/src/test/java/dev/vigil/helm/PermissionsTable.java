package dev.vigil.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table "What the operator needs from the API server" of docs/operations.md, read as
 * permissions, so that the chart's RBAC and the documentation cannot drift apart.
 *
 * <p>Each row's first cell names resources in backticks: {@code `services`} (core group), {@code
 * `statefulsets.apps`} (resource, then its group), {@code `monitoreddatabases.vigil.dev/status`} (a
 * subresource), or plain names followed by their group in parentheses ({@code `servicemonitors`,
 * ... (`monitoring.coreos.com`)}). The second cell lists the verbs, comma-separated.
 */
final class PermissionsTable {

    static final Path OPERATIONS_MD = Path.of("..", "docs", "operations.md");

    private static final String HEADING = "## What the operator needs from the API server";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern GROUP_IN_PARENTHESES = Pattern.compile("\\(`([^`]+)`\\)");

    private PermissionsTable() {}

    /** Every permission of the table. */
    static Set<Permission> read() throws IOException {
        return parse(Files.readString(OPERATIONS_MD));
    }

    static Set<Permission> parse(String markdown) {
        int start = markdown.indexOf(HEADING);
        if (start < 0) {
            throw new IllegalArgumentException("no section \"" + HEADING + "\"");
        }
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.substring(start + HEADING.length()).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                rows.add(line);
            } else if (inTable) {
                break;
            }
        }
        if (rows.size() < 3) {
            throw new IllegalArgumentException("the permissions table has no rows");
        }
        Set<Permission> permissions = new TreeSet<>();
        // Skip the header and the |---| line.
        for (String row : rows.subList(2, rows.size())) {
            String[] cells = row.split("\\|");
            // cells[0] is the empty text before the first |.
            permissions.addAll(permissions(cells[1], cells[2]));
        }
        return permissions;
    }

    private static List<Permission> permissions(String resourcesCell, String verbsCell) {
        Matcher groupMatcher = GROUP_IN_PARENTHESES.matcher(resourcesCell);
        String sharedGroup = groupMatcher.find() ? groupMatcher.group(1) : null;
        String names = GROUP_IN_PARENTHESES.matcher(resourcesCell).replaceAll("");
        List<String> verbs =
                List.of(verbsCell.trim().split("\\s*,\\s*")).stream()
                        .filter(v -> !v.isEmpty())
                        .toList();
        List<Permission> permissions = new ArrayList<>();
        Matcher code = CODE.matcher(names);
        while (code.find()) {
            String name = code.group(1);
            String subresource = "";
            int slash = name.indexOf('/');
            if (slash >= 0) {
                subresource = name.substring(slash);
                name = name.substring(0, slash);
            }
            String resource;
            String group;
            if (sharedGroup != null) {
                resource = name;
                group = sharedGroup;
            } else {
                int dot = name.indexOf('.');
                resource = dot < 0 ? name : name.substring(0, dot);
                group = dot < 0 ? "" : name.substring(dot + 1);
            }
            for (String verb : verbs) {
                permissions.add(new Permission(group, resource + subresource, verb));
            }
        }
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException("no resources or verbs in row: " + resourcesCell);
        }
        return permissions;
    }
}
