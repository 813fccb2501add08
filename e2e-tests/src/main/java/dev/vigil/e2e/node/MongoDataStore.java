package dev.vigil.e2e.node;

import dev.vigil.testing.mongo.ConfigSnapshot;
import dev.vigil.testing.mongo.DynamicMongoReplicaSet;
import dev.vigil.testing.mongo.MongoNodeData;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the node's MongoDB members keep, in memory, for as long as the runtime lives: each replica
 * set (configuration, member states, replicated users and FCV) under its StatefulSet, and each
 * member's own data files ({@link MongoNodeData}) under the identity written in its data directory
 * ({@link MongoDataDirectory}). So data lives with the volume: a pod re-created on the same
 * PersistentVolumeClaim finds its data again; a new claim starts empty; and when no member of a set
 * keeps its data any more (every claim deleted), the set is forgotten and a new one begins. Not
 * thread-safe: the runtime serialises calls.
 */
final class MongoDataStore {

    /** A replica set: one per StatefulSet (namespace and name) and {@code --replSet} name. */
    record SetKey(String namespace, String owner, String replSetName) {}

    /** Where a member's data lives: its data directory (empty: in the container) and identity. */
    private record DataLocation(Optional<Path> directory, String identity) {}

    private final Clock clock;
    private final Duration electionTimeout;
    private final Map<SetKey, DynamicMongoReplicaSet> sets = new HashMap<>();
    private final Map<SetKey, Map<String, DataLocation>> locations = new HashMap<>();
    private final Map<String, MongoNodeData> dataByIdentity = new HashMap<>();
    private final Set<String> inUse = new HashSet<>();

    MongoDataStore(Clock clock, Duration electionTimeout) {
        this.clock = clock;
        this.electionTimeout = electionTimeout;
    }

    /** The replica set of {@code key}, created on first use. */
    DynamicMongoReplicaSet replicaSet(SetKey key) {
        return sets.computeIfAbsent(
                key, k -> new DynamicMongoReplicaSet(k.replSetName(), clock, electionTimeout));
    }

    /** The data files of {@code identity}, if this runtime wrote them. */
    Optional<MongoNodeData> data(String identity) {
        return Optional.ofNullable(dataByIdentity.get(identity));
    }

    /** Keeps new data files under their identity. */
    void keep(String identity, MongoNodeData data) {
        dataByIdentity.put(identity, data);
    }

    /**
     * Before a member starts on empty data files: when the set is initiated but no other member in
     * its configuration keeps the set's data (running, or in a data directory still holding it),
     * the set is gone with its volumes, and a new one takes its place.
     */
    void forgetSetIfNoDataSurvives(SetKey key, String member) {
        DynamicMongoReplicaSet set = sets.get(key);
        if (set == null) {
            return;
        }
        Optional<ConfigSnapshot> config = set.config();
        if (config.isEmpty()) {
            return;
        }
        Map<String, DataLocation> known = locations.getOrDefault(key, Map.of());
        boolean survives =
                config.get().hosts().stream()
                        .filter(host -> !host.equals(member))
                        .anyMatch(host -> set.isRunning(host) || holdsData(known.get(host)));
        if (!survives) {
            sets.remove(key);
            locations.remove(key);
        }
    }

    /** Records where the member's data lives now that it runs on them. */
    void started(SetKey key, String member, Optional<Path> directory, String identity) {
        locations
                .computeIfAbsent(key, k -> new HashMap<>())
                .put(member, new DataLocation(directory, identity));
        inUse.add(identity);
    }

    /** Whether a running mongod holds the lock on these data files. */
    boolean inUse(String identity) {
        return inUse.contains(identity);
    }

    /** The mongod on these data files stopped. */
    void released(String identity) {
        inUse.remove(identity);
    }

    private static boolean holdsData(DataLocation location) {
        return location != null
                && location.directory().isPresent()
                && MongoDataDirectory.holds(location.directory().get(), location.identity());
    }
}
