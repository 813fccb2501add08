package dev.vigil.testing.mongo;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * What a member's {@code serverStatus} says of the commands it ran, as mongod says it: {@code
 * metrics.commands.<name>} with {@code total} and {@code failed} (a reply without {@code ok: 1}),
 * listing the read and write commands even before any ran, as mongod lists every command it has;
 * and {@code opLatencies} with the {@code latency} (microseconds) and {@code ops} of its reads,
 * writes and other commands. Transactions are not counted: the double runs none.
 */
final class CommandStatistics {

    private static final Set<String> READS =
            Set.of("find", "getMore", "aggregate", "count", "distinct");
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");

    /** Per command: total, failed. */
    private final Map<String, long[]> byCommand = new TreeMap<>();

    /** Per operation type: latency in microseconds, operations. */
    private final Map<String, long[]> byType = new TreeMap<>();

    CommandStatistics() {
        READS.forEach(command -> byCommand.put(command, new long[2]));
        WRITES.forEach(command -> byCommand.put(command, new long[2]));
        for (String type : Set.of("reads", "writes", "commands")) {
            byType.put(type, new long[2]);
        }
    }

    /** Counts one run of {@code command}, which took {@code micros} and failed or not. */
    synchronized void record(String command, boolean failed, long micros) {
        long[] counts = byCommand.computeIfAbsent(command, c -> new long[2]);
        counts[0]++;
        if (failed) {
            counts[1]++;
        }
        long[] latency =
                byType.get(
                        READS.contains(command)
                                ? "reads"
                                : WRITES.contains(command) ? "writes" : "commands");
        latency[0] += micros;
        latency[1]++;
    }

    /** {@code serverStatus.metrics.commands}. */
    synchronized Document commands() {
        Document commands = new Document();
        byCommand.forEach(
                (command, counts) ->
                        commands.append(
                                command,
                                new Document("failed", counts[1]).append("total", counts[0])));
        return commands;
    }

    /** {@code serverStatus.opLatencies}. */
    synchronized Document opLatencies() {
        Document latencies = new Document();
        byType.forEach(
                (type, counts) ->
                        latencies.append(
                                type, new Document("latency", counts[0]).append("ops", counts[1])));
        return latencies;
    }
}
