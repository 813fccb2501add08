package dev.vigil.e2e.node;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
        String result = text;
        for (Map.Entry<String, Path> mount :
                mounts.entrySet().stream()
                        .sorted(
                                Comparator.comparingInt(
                                                (Map.Entry<String, Path> e) -> e.getKey().length())
                                        .reversed())
                        .toList()) {
            result = replaceMountPrefix(result, mount.getKey(), mount.getValue().toString());
        }
        return result;
    }

    /** Every mount, container path to host directory. */
    public Map<String, Path> asMap() {
        return Map.copyOf(mounts);
    }

    private static String replaceMountPrefix(String text, String containerPath, String hostPath) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int at = text.indexOf(containerPath, from);
            if (at < 0) {
                out.append(text, from, text.length());
                return out.toString();
            }
            int end = at + containerPath.length();
            boolean startsPath = at == 0 || !isPathChar(text.charAt(at - 1));
            boolean endsSegment =
                    end == text.length()
                            || !isPathChar(text.charAt(end))
                            || text.charAt(end) == '/';
            out.append(text, from, at);
            out.append(startsPath && endsSegment ? hostPath : containerPath);
            from = end;
        }
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
