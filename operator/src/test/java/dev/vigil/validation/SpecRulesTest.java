package dev.vigil.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecRulesTest {

    private static List<FieldError> check(String name, String spec) {
        MonitoredDatabase database =
                Serialization.unmarshal(
                        """
                        apiVersion: vigil.dev/v1alpha1
                        kind: MonitoredDatabase
                        metadata: {name: %s, namespace: shop}
                        spec:
                        %s
                        """
                                .formatted(name, spec.indent(2)),
                        MonitoredDatabase.class);
        return SpecRules.check(database);
    }

    private static List<FieldError> check(String spec) {
        return check("catalog", spec);
    }

    @Test
    void aMongoDbReplicaSetFollowsEveryRule() {
        assertThat(
                        check(
                                """
                                engine: MongoDB
                                version: "7.0.14"
                                replicas: 3
                                exporter: {port: 9216}
                                monitoring: {interval: 30s, scrapeTimeout: 10s}
                                healthGate:
                                  prometheusUrl: http://prometheus:9090
                                  analysis:
                                  - {name: errors, query: up, successCondition: result == 1}
                                  - {name: lag, query: lag, successCondition: result < 5}
                                """))
                .isEmpty();
    }

    @Test
    void managedPostgreSqlNeedsVersion14OrNewer() {
        assertThat(check("{engine: PostgreSQL, version: '13.16'}"))
                .containsExactly(new FieldError("spec.version", SpecRules.POSTGRESQL_TOO_OLD));
        assertThat(check("{engine: PostgreSQL, version: '14'}")).isEmpty();
        assertThat(check("{engine: PostgreSQL, version: '16.4', replicas: 3}")).isEmpty();
    }

    @Test
    void everyNetworkPeerSelectsSomething() {
        assertThat(
                        check(
                                """
                                engine: MongoDB
                                version: "7.0.14"
                                network:
                                  allowedClients:
                                  - podSelector: {matchLabels: {app: api}}
                                  - {}
                                  - namespaceSelector: {}
                                  prometheus: {}
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.network.allowedClients[1]", SpecRules.NETWORK_PEER_EMPTY),
                        new FieldError("spec.network.prometheus", SpecRules.NETWORK_PEER_EMPTY));
    }

    private static final String MONGO_EXTERNAL =
            """
            engine: MongoDB
            version: "7.0.14"
            mode: External
            """;

    @Test
    void anExternalMongoDbWithEndpointsFollowsEveryRule() {
        assertThat(
                        check(
                                MONGO_EXTERNAL
                                        + """
                                        external:
                                          endpoints: [a.example.com:27017, b.example.com:27017]
                                          credentialsSecretName: catalog-monitor
                                        exporter: {resources: {limits: {memory: 128Mi}}}
                                        podTemplate: {nodeSelector: {pool: monitoring}}
                                        """))
                .isEmpty();
    }

    @Test
    void anExternalPostgreSqlWithAUriSecretFollowsEveryRule() {
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                mode: External
                                external:
                                  uriSecret: {name: ledger-uri, key: uri}
                                  credentialsSecretName: ledger-monitor
                                """))
                .isEmpty();
    }

    @Test
    void externalModeNeedsWhereTheDatabaseIsAndAsWhom() {
        assertThat(check(MONGO_EXTERNAL))
                .containsExactly(
                        new FieldError("spec.external", SpecRules.EXTERNAL_TARGET_REQUIRED),
                        new FieldError(
                                "spec.external.credentialsSecretName",
                                SpecRules.EXTERNAL_CREDENTIALS_REQUIRED));
    }

    @Test
    void anEmptyEndpointListIsNoTarget() {
        assertThat(check(MONGO_EXTERNAL + "external: {endpoints: [], credentialsSecretName: m}"))
                .containsExactly(
                        new FieldError("spec.external", SpecRules.EXTERNAL_TARGET_REQUIRED));
    }

    @Test
    void endpointsAndAUriSecretTogetherAreAmbiguous() {
        assertThat(
                        check(
                                MONGO_EXTERNAL
                                        + """
                                        external:
                                          endpoints: [a.example.com:27017]
                                          uriSecret: {name: catalog-uri, key: uri}
                                          credentialsSecretName: catalog-monitor
                                        """))
                .containsExactly(
                        new FieldError("spec.external", SpecRules.EXTERNAL_TARGET_AMBIGUOUS));
    }

    @Test
    void externalModeNeedsTheCredentialsSecret() {
        assertThat(check(MONGO_EXTERNAL + "external: {endpoints: [a.example.com:27017]}"))
                .containsExactly(
                        new FieldError(
                                "spec.external.credentialsSecretName",
                                SpecRules.EXTERNAL_CREDENTIALS_REQUIRED));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "db.example.com:27017",
                "10.0.0.5:5432",
                "[2001:db8::1]:5432",
                "localhost:1",
                "db:65535"
            })
    void anEndpointIsAHostAndAPort(String endpoint) {
        assertThat(externalWithEndpoint(endpoint)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "db.example.com",
                "db.example.com:0",
                "db.example.com:65536",
                "db.example.com:270170",
                "db.example.com:port",
                ":27017",
                "monitor:secret@db.example.com:27017",
                "db.example.com:27017/admin",
                "db.example.com:27017?tls=true",
                "mongodb://db.example.com:27017",
                "-db.example.com:27017",
                "2001:db8::1:5432"
            })
    void anythingElseIsNotAnEndpoint(String endpoint) {
        assertThat(externalWithEndpoint(endpoint))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("spec.external.endpoints[0]");
                            assertThat(error.reason())
                                    .startsWith(SpecRules.EXTERNAL_ENDPOINT_FORMAT)
                                    .endsWith("'" + endpoint + "'");
                        });
    }

    private static List<FieldError> externalWithEndpoint(String endpoint) {
        return check(
                MONGO_EXTERNAL
                        + "external: {endpoints: ['"
                        + endpoint
                        + "'], credentialsSecretName: m}");
    }

    @Test
    void fieldsOfADatabaseVigilRunsMustBeUnsetInExternalMode() {
        assertThat(
                        check(
                                MONGO_EXTERNAL
                                        + """
                                        replicas: 3
                                        storage: {size: 10Gi}
                                        image: mongo:7.0.14
                                        resources: {limits: {memory: 1Gi}}
                                        credentials: {monitoringSecretName: catalog-monitor}
                                        external:
                                          endpoints: [a.example.com:27017]
                                          credentialsSecretName: catalog-monitor
                                        """))
                .containsExactly(
                        new FieldError("spec.replicas", SpecRules.EXTERNAL_FIELD_UNUSED),
                        new FieldError("spec.storage", SpecRules.EXTERNAL_FIELD_UNUSED),
                        new FieldError("spec.image", SpecRules.EXTERNAL_FIELD_UNUSED),
                        new FieldError("spec.resources", SpecRules.EXTERNAL_FIELD_UNUSED),
                        new FieldError("spec.credentials", SpecRules.EXTERNAL_FIELD_UNUSED));
    }

    @Test
    void externalModeAcceptsTheReplicasTheApiServerDefaults() {
        assertThat(
                        check(
                                MONGO_EXTERNAL
                                        + """
                                        replicas: 1
                                        external:
                                          endpoints: [a.example.com:27017]
                                          credentialsSecretName: catalog-monitor
                                        """))
                .isEmpty();
    }

    @Test
    void externalModeRunsOnlyTheExporterSoItCannotBeDisabled() {
        assertThat(
                        check(
                                MONGO_EXTERNAL
                                        + """
                                        exporter: {enabled: false}
                                        external:
                                          endpoints: [a.example.com:27017]
                                          credentialsSecretName: catalog-monitor
                                        """))
                .containsExactly(
                        new FieldError(
                                "spec.exporter.enabled", SpecRules.EXTERNAL_EXPORTER_REQUIRED));
    }

    @Test
    void anExternalExporterHasAPodOfItsOwnSoTheDatabasePortIsFree() {
        assertThat(
                        check(
                                MONGO_EXTERNAL
                                        + """
                                        exporter: {port: 27017}
                                        external:
                                          endpoints: [a.example.com:27017]
                                          credentialsSecretName: catalog-monitor
                                        """))
                .isEmpty();
    }

    @Test
    void aManagedDatabaseHasNoExternalSettings() {
        assertThat(
                        check(
                                "{engine: MongoDB, version: '7.0', external: {endpoints:"
                                        + " [a.example.com:27017]}}"))
                .containsExactly(new FieldError("spec.external", SpecRules.EXTERNAL_ONLY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.4.29", "4", "3.6"})
    void mongoDbBeforeFiveIsEndOfLife(String version) {
        assertThat(check("{engine: MongoDB, version: '" + version + "'}"))
                .containsExactly(new FieldError("spec.version", SpecRules.MONGODB_END_OF_LIFE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.0", "6.0.19", "7.0.14", "8", "10.0"})
    void mongoDbFiveAndNewerIsSupported(String version) {
        assertThat(check("{engine: MongoDB, version: '" + version + "'}")).isEmpty();
    }

    @Test
    void aNameOfTheLongestAllowedLengthPasses() {
        String name = "a".repeat(SpecRules.MAX_NAME_LENGTH);

        assertThat(check(name, "{engine: MongoDB, version: '7.0'}")).isEmpty();
    }

    @Test
    void aLongerNameFailsAndSaysWhy() {
        String name = "a".repeat(SpecRules.MAX_NAME_LENGTH + 1);

        List<FieldError> errors = check(name, "{engine: MongoDB, version: '7.0'}");

        assertThat(errors)
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("metadata.name");
                            assertThat(error.reason())
                                    .startsWith("must be at most 52 characters:")
                                    .contains("controller-revision-hash")
                                    .contains("<name>-members");
                        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1catalog", "catalog-", "cat.alog", "\"Catalog\""})
    void theNameMustBeADns1035Label(String name) {
        assertThat(check(name, "{engine: MongoDB, version: '7.0'}"))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("metadata.name");
                            assertThat(error.reason()).startsWith("must be a DNS-1035 label");
                        });
    }

    @Test
    void theExporterCannotTakeTheDatabasePort() {
        assertThat(check("{engine: MongoDB, version: '7.0', exporter: {port: 27017}}"))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("spec.exporter.port");
                            assertThat(error.reason())
                                    .startsWith("conflicts with the MongoDB port 27017");
                        });
    }

    @Test
    void analysisNeedsAPrometheusToAsk() {
        assertThat(
                        check(
                                """
                                engine: MongoDB
                                version: "7.0"
                                healthGate:
                                  analysis:
                                  - {name: errors, query: up, successCondition: result == 1}
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.healthGate.prometheusUrl",
                                "is required when healthGate.analysis or"
                                        + " healthGate.standardAnalyses is set"));
    }

    @Test
    void analysisNamesAreUnique() {
        assertThat(
                        check(
                                """
                                engine: MongoDB
                                version: "7.0"
                                healthGate:
                                  prometheusUrl: http://prometheus:9090
                                  analysis:
                                  - {name: errors, query: up, successCondition: result == 1}
                                  - {name: lag, query: lag, successCondition: result < 5}
                                  - {name: errors, query: up, successCondition: result == 1}
                                """))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("spec.healthGate.analysis[2].name");
                            assertThat(error.reason()).startsWith("duplicates analysis[0].name");
                        });
    }

    @Test
    void theScrapeTimeoutMayNotExceedTheDefaultInterval() {
        assertThat(check("{engine: MongoDB, version: '7.0', monitoring: {scrapeTimeout: 45s}}"))
                .singleElement()
                .satisfies(
                        error -> {
                            assertThat(error.field()).isEqualTo("spec.monitoring.scrapeTimeout");
                            assertThat(error.reason())
                                    .startsWith(
                                            "must not be longer than monitoring.interval (30s)");
                        });
    }

    @Test
    void theScrapeTimeoutMayEqualTheInterval() {
        assertThat(
                        check(
                                "{engine: MongoDB, version: '7.0', monitoring: {interval: 1m,"
                                        + " scrapeTimeout: 60s}}"))
                .isEmpty();
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThat(
                        check(
                                "{engine: PostgreSQL, version: '13', exporter: {port: 5432},"
                                        + " external: {credentialsSecretName: m}}"))
                .extracting(FieldError::field)
                .containsExactly("spec.version", "spec.external", "spec.exporter.port");
    }

    @Test
    void aResourceWithoutSpecIsReported() {
        MonitoredDatabase database = new MonitoredDatabase();
        database.getMetadata().setName("catalog");

        assertThat(SpecRules.check(database)).extracting(FieldError::field).containsExactly("spec");
    }

    @Test
    void aCanaryNeedsAStandbyAndStepsThatCountMembers() {
        assertThat(check("{engine: PostgreSQL, version: '16.4', upgrade: {strategy: Canary}}"))
                .containsExactly(
                        new FieldError(
                                "spec.upgrade.strategy",
                                "Canary needs at least 2 members (spec.replicas is 1): the canary"
                                        + " is a standby, never the primary"));
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                replicas: 4
                                upgrade:
                                  steps: [{members: 0}, {members: "150%"}, {members: 3}]
                                """))
                .containsExactly(
                        new FieldError("spec.upgrade.steps[0].members", CanaryRules.MEMBERS_FORMAT),
                        new FieldError(
                                "spec.upgrade.steps[1].members", CanaryRules.MEMBERS_FORMAT));
    }

    @Test
    void anSloNeedsTargetsThatLeaveABudgetAndAPeriodTheWindowsFit() {
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                monitoring:
                                  slo:
                                    availability: "99.9"
                                    period: 28d
                                    latency: {threshold: 200ms, target: "99"}
                                """))
                .isEmpty();
        assertThat(
                        check(
                                """
                                engine: PostgreSQL
                                version: "16.4"
                                monitoring:
                                  slo:
                                    availability: "100"
                                    period: 3d
                                    latency: {threshold: 0s, target: "0"}
                                """))
                .containsExactly(
                        new FieldError(
                                "spec.monitoring.slo.availability",
                                ObjectiveRules.TARGET_RANGE + " (is 100)"),
                        new FieldError(
                                "spec.monitoring.slo.period",
                                ObjectiveRules.PERIOD_RANGE + " (is 3d)"),
                        new FieldError(
                                "spec.monitoring.slo.latency.target",
                                ObjectiveRules.TARGET_RANGE + " (is 0)"),
                        new FieldError(
                                "spec.monitoring.slo.latency.threshold",
                                "must be above 0: no query takes no time"));
        assertThat(check("{engine: MongoDB, version: '7.0.14', monitoring: {slo: {period: 30d}}}"))
                .containsExactly(
                        new FieldError("spec.monitoring.slo", ObjectiveRules.NO_OBJECTIVE));
    }

    @Test
    void mongodOptionsVigilOwnsAreRefusedAndExternalDatabasesTakeNone() {
        assertThat(
                        check(
                                "{engine: MongoDB, version: '7.0.14', mongodb: {configuration:"
                                        + " {replication: {oplogSizeMB: 990},"
                                        + " operationProfiling: {mode: slowOp}}}}"))
                .extracting(FieldError::field)
                .containsExactly("spec.mongodb.configuration.replication");
        assertThat(
                        check(
                                """
                                engine: MongoDB
                                version: "7.0.14"
                                mode: External
                                external: {endpoints: ["mongo.example:27017"], credentialsSecretName: c}
                                mongodb: {configuration: {operationProfiling: {mode: slowOp}}}
                                """))
                .extracting(FieldError::field)
                .containsExactly("spec.mongodb.configuration");
    }
}
