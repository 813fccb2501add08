package dev.vigil.e2e.bench;

import dev.vigil.e2e.controlplane.AuditLog.AuditedRequest;
import dev.vigil.e2e.controlplane.ControlPlane;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The operator's requests as the API server's audit log records them, read from a mark on: what the
 * operator asked for since the benchmark's last look.
 */
final class OperatorRequests {

    static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");
    static final Set<String> READS = Set.of("get", "list");
    static final Set<String> WATCHES = Set.of("watch");

    private final ControlPlane plane;
    private final String username;

    OperatorRequests(ControlPlane plane, String username) {
        this.plane = plane;
        this.username = username;
    }

    /** How many requests of the operator's the log holds now: a mark to count from. */
    int mark() {
        return all().size();
    }

    /** The operator's requests since {@code mark}. */
    List<AuditedRequest> since(int mark) {
        List<AuditedRequest> all = all();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    static long count(List<AuditedRequest> requests, Set<String> verbs) {
        return requests.stream().filter(r -> verbs.contains(r.verb())).count();
    }

    static long statusWrites(List<AuditedRequest> requests) {
        return requests.stream()
                .filter(r -> WRITES.contains(r.verb()))
                .filter(r -> r.subresource().equals("status"))
                .count();
    }

    /** {@code verb resource/subresource: count}, one a line, most first. */
    static String breakdown(List<AuditedRequest> requests, Set<String> verbs) {
        return requests.stream()
                .filter(r -> verbs.contains(r.verb()))
                .collect(
                        Collectors.groupingBy(
                                r -> r.verb() + " " + r.resourceWithSubresource(),
                                TreeMap::new,
                                Collectors.counting()))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> "  " + e.getKey() + ": " + e.getValue() + "\n")
                .collect(Collectors.joining());
    }

    /** The {@code limit} objects read most often, {@code verb resource namespace/name: count}. */
    static String mostRead(List<AuditedRequest> requests, int limit) {
        return requests.stream()
                .filter(r -> READS.contains(r.verb()) && !r.name().isEmpty())
                .collect(
                        Collectors.groupingBy(
                                r ->
                                        r.verb()
                                                + " "
                                                + r.resourceWithSubresource()
                                                + " "
                                                + r.namespace()
                                                + "/"
                                                + r.name(),
                                TreeMap::new,
                                Collectors.counting()))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> "  " + e.getKey() + ": " + e.getValue() + "\n")
                .collect(Collectors.joining());
    }

    private List<AuditedRequest> all() {
        return plane.auditLog().resourceRequestsBy(username);
    }
}
