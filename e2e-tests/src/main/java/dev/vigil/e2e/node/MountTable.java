package dev.vigil.e2e.node;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's volume mounts: each container path (such as {@code /var/lib/postgresql/data})
 * mapped to the directory on this machine that backs it. A process started on this machine sees the
 * host directories, so runtimes rewrite the container paths in arguments and environment.
 */
public final class MountTable {

    private final Map<String, Path> mounts;

    public MountTable(Map<String, Path> mounts) {
        this.mounts = new LinkedHashMap<>(mounts);
    }

    /** The host directory of the mount at exactly {@code containerPath}, if there is one. */
    public Optional<Path> mount(String containerPath) {
        return Optional.ofNullable(mounts.get(stripTrailingSlash(containerPath)));
    }

    /**
     * The host path of a container path, through the longest mount that contains it; empty when no
     * mount contains it (the container's own image filesystem).
     */
    public Optional<Path> hostPath(String containerPath) {
        return mounts.entrySet().stream()
                .filter(e -> contains(e.getKey(), containerPath))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(
                        e -> {
                            String rest = containerPath.substring(e.getKey().length());
                            return rest.isEmpty() || rest.equals("/")
                                    ? e.getValue()
                                    : e.getValue().resolve(rest.substring(1));
                        });
    }

    /**
     * Replaces every container path inside {@code text} that lies in a mount by its host path
     * (longest mounts first), leaving the rest of the text alone: for arguments such as {@code
     * config_file=/etc/postgresql/postgresql.conf}.
     */
    public String rewrite(String text) {
        List<Map.Entry<String, Path>> longestFirst =
                mounts.entrySet().stream()
                        .sorted(
                                Comparator.comparingInt(
                                                (Map.Entry<String, Path> e) -> e.getKey().length())
                                        .reversed())
                        .toList();
        // One pass from left to right: a host path put in is never looked at again, so a mount
        // such as /tmp cannot match inside the host path of another mount.
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            Map.Entry<String, Path> match =
                    startsPath(text, at) ? mountAt(text, at, longestFirst) : null;
            if (match == null) {
                out.append(text.charAt(at));
                at++;
            } else {
                out.append(match.getValue());
                at += match.getKey().length();
            }
        }
        return out.toString();
    }

    /** This table and the file {@code host} mounted at {@code containerPath}. */
    public MountTable withFile(String containerPath, Path host) {
        Map<String, Path> more = new LinkedHashMap<>(mounts);
        more.put(containerPath, host);
        return new MountTable(more);
    }

    /** Every mount, container path to host directory. */
    public Map<String, Path> asMap() {
        return Map.copyOf(mounts);
    }

    private static boolean startsPath(String text, int at) {
        return at == 0 || !isPathChar(text.charAt(at - 1));
    }

    private static Map.Entry<String, Path> mountAt(
            String text, int at, List<Map.Entry<String, Path>> longestFirst) {
        for (Map.Entry<String, Path> mount : longestFirst) {
            String containerPath = mount.getKey();
            int end = at + containerPath.length();
            if (text.startsWith(containerPath, at)
                    && (end == text.length()
                            || !isPathChar(text.charAt(end))
                            || text.charAt(end) == '/')) {
                return mount;
            }
        }
        return null;
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '_' || c == '-';
    }

    private static boolean contains(String mountPath, String containerPath) {
        return containerPath.equals(mountPath) || containerPath.startsWith(mountPath + "/");
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1)
                : path;
    }
}
