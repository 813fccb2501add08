package dev.vigil.engine.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.resources.DatabaseConfigMap;
import dev.vigil.resources.DatabasePorts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;

/**
 * Builds the ConfigMap holding {@code mongod.conf}: a replica set member listening on all
 * interfaces, with authorization on and members authenticating each other by keyfile.
 */
public final class MongoConfigMapBuilder {

    private MongoConfigMapBuilder() {}

    /** The ConfigMap {@code <name>-config} of {@code database} (already defaulted). */
    public static ConfigMap build(MonitoredDatabase database) {
        return DatabaseConfigMap.build(database, content(database));
    }

    /** The ConfigMap's data: file name to file text, also what the config hash is taken of. */
    public static Map<String, String> content(MonitoredDatabase database) {
        return Map.of(MongoPaths.CONFIG_FILE_NAME, mongodConf(database));
    }

    /**
     * mongod's YAML configuration for {@code database}: Vigil's options, with {@code
     * spec.mongodb.configuration} merged in when set. Without it the text is exactly Vigil's, so a
     * database that sets none keeps its configuration hash.
     */
    static String mongodConf(MonitoredDatabase database) {
        JsonNode configuration = database.getSpec().getMongodb().getConfiguration();
        String base = vigilConf(database);
        if (configuration == null || configuration.isNull() || configuration.isEmpty()) {
            return base;
        }
        return MongodConfiguration.merge(base, configuration);
    }

    private static String vigilConf(MonitoredDatabase database) {
        // The replica set name is restricted by the CRD to [A-Za-z0-9_-], so it needs no quoting.
        return """
        net:
          port: %d
          bindIpAll: true
        %sreplication:
          replSetName: %s
        security:
          authorization: enabled
          keyFile: %s
        storage:
          dbPath: %s
        """
                .formatted(
                        DatabasePorts.MONGODB,
                        MongoTls.netTlsConf(database),
                        database.getSpec().getMongodb().getReplicaSetName(),
                        MongoPaths.KEYFILE,
                        MongoPaths.DATA_DIR);
    }
}
