package dev.vigil.engine.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import dev.vigil.validation.FieldError;
import org.junit.jupiter.api.Test;

class MongoConfigMapBuilderTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void withoutConfigurationTheFileIsVigilsAlone() throws Exception {
        String conf = MongoConfigMapBuilder.mongodConf(database(null));

        assertThat(conf).startsWith("net:\n  port: 27017\n  bindIpAll: true\n");
        assertThat(YAML.readTree(conf).fieldNames())
                .toIterable()
                .containsExactly("net", "replication", "security", "storage");
    }

    @Test
    void theConfigurationIsMergedIntoVigilsSections() throws Exception {
        JsonNode conf =
                YAML.readTree(
                        MongoConfigMapBuilder.mongodConf(
                                database(
                                        "{operationProfiling: {mode: slowOp, slowOpThresholdMs:"
                                                + " 150}, net: {maxIncomingConnections: 500},"
                                                + " storage: {wiredTiger: {engineConfig:"
                                                + " {cacheSizeGB: 1.5}}}}")));

        assertThat(conf.at("/operationProfiling/mode").asText()).isEqualTo("slowOp");
        assertThat(conf.at("/operationProfiling/slowOpThresholdMs").asInt()).isEqualTo(150);
        assertThat(conf.at("/net/maxIncomingConnections").asInt()).isEqualTo(500);
        assertThat(conf.at("/net/port").asInt()).as("Vigil's own option stays").isEqualTo(27017);
        assertThat(conf.at("/storage/dbPath").asText()).isEqualTo(MongoPaths.DATA_DIR);
        assertThat(conf.at("/storage/wiredTiger/engineConfig/cacheSizeGB").asDouble())
                .isEqualTo(1.5);
        assertThat(conf.at("/security/authorization").asText()).isEqualTo("enabled");
    }

    @Test
    void optionsVigilOwnsAndBadProfilingAreRefusedNamingTheOption() throws Exception {
        JsonNode configuration =
                YAML.readTree(
                        """
                        net: {port: 27018, compression: {compressors: zstd}}
                        security: {authorization: disabled}
                        operationProfiling: {mode: sometimes, slowOpThresholdMs: -5}
                        """);

        assertThat(MongodConfiguration.problems(configuration))
                .extracting(FieldError::field)
                .containsExactly(
                        "spec.mongodb.configuration.net.port",
                        "spec.mongodb.configuration.security",
                        "spec.mongodb.configuration.operationProfiling.mode",
                        "spec.mongodb.configuration.operationProfiling.slowOpThresholdMs");
        assertThat(MongodConfiguration.problems(YAML.readTree("[1, 2]")))
                .containsExactly(
                        new FieldError(
                                "spec.mongodb.configuration",
                                "must be a mapping of mongod configuration options"));
    }

    /** A MongoDB replica set whose {@code spec.mongodb.configuration} is {@code flow}, if any. */
    private static MonitoredDatabase database(String flow) {
        return SchemaDefaults.withDefaults(
                TestDatabases.parse(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: catalog, namespace: shop}
                        spec:
                          engine: MongoDB
                          version: "7.0.14"
                          replicas: 3
                          mongodb:
                            replicaSetName: rs0
                        """
                                + (flow == null ? "" : "    configuration: " + flow + "\n")));
    }
}
