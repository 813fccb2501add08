package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dashboard Vigil renders passes Grafana's published dashboard schema ({@link
 * GrafanaDashboardSchema}): both engines, each variant of the panels (managed or External, with or
 * without backups).
 */
class GrafanaDashboardSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("MongoDB", RuleTestDatabases.mongo(3)),
                Arguments.of("MongoDB, backups", RuleTestDatabases.mongoWithBackups(3)),
                Arguments.of("External MongoDB", RuleTestDatabases.externalMongo()),
                Arguments.of("PostgreSQL", RuleTestDatabases.postgres(3)),
                Arguments.of("PostgreSQL, backups", RuleTestDatabases.postgresWithBackups(3)),
                Arguments.of("External PostgreSQL", RuleTestDatabases.externalPostgres()),
                Arguments.of("PostgreSQL, SLOs", RuleTestDatabases.postgresWithObjectives()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theDashboardPassesGrafanasSchema(String description, MonitoredDatabase database)
            throws Exception {
        assertThat(GrafanaDashboardSchema.violations(render(database))).isEmpty();
    }

    @Test
    void theSchemaRefusesAVariableWithAnEmptyCurrentValue() throws Exception {
        // What the templates had before: Grafana's VariableOption requires text and value.
        ObjectNode dashboard = render(RuleTestDatabases.postgres(1));
        ((ObjectNode) dashboard.path("templating").path("list").get(0))
                .set("current", JSON.createObjectNode());

        assertThat(GrafanaDashboardSchema.violations(dashboard))
                .anyMatch(
                        violation ->
                                violation.contains("templating.list[0].current")
                                        && violation.contains("'text'"))
                .anyMatch(violation -> violation.contains("'value'"));
    }

    private static ObjectNode render(MonitoredDatabase database) throws Exception {
        JsonNode dashboard =
                JSON.readTree(
                        GrafanaDashboards.forDatabase(
                                database, DatabaseEngines.of(database.getSpec()).monitoring()));
        return (ObjectNode) dashboard;
    }
}
