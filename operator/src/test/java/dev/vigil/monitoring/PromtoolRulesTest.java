package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.Promtool.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves with Prometheus' own promtool, Prometheus 2's and Prometheus 3's, that the rules Vigil
 * renders load, and that every default alert fires when it should and only then.
 */
class PromtoolRulesTest {

    private static final String RUNBOOKS = MonitoringContext.DEFAULT_RUNBOOK_BASE_URL;

    @TempDir Path dir;

    static Stream<Arguments> promtools() {
        return Promtool.both().stream().map(Arguments::of);
    }

    static Stream<Arguments> databases() {
        return Promtool.both().stream()
                .flatMap(
                        promtool ->
                                databaseCases()
                                        .map(c -> Arguments.of(promtool, c.get()[0], c.get()[1])));
    }

    private static Stream<Arguments> databaseCases() {
        return Stream.of(
                Arguments.of("MongoDB, 1 member", RuleTestDatabases.mongo(1)),
                Arguments.of("MongoDB, 3 members", RuleTestDatabases.mongo(3)),
                Arguments.of("PostgreSQL, 1 member", RuleTestDatabases.postgres(1)),
                Arguments.of("PostgreSQL, 3 members", RuleTestDatabases.postgres(3)),
                Arguments.of(
                        "PostgreSQL, 3 members, backups", RuleTestDatabases.postgresWithBackups(3)),
                Arguments.of("External MongoDB", RuleTestDatabases.externalMongo()),
                Arguments.of("External PostgreSQL", RuleTestDatabases.externalPostgres()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("databases")
    void promtoolAcceptsTheRenderedRules(
            Promtool promtool, String description, MonitoredDatabase database) throws Exception {
        List<AlertRule> rules =
                PrometheusRuleBuilder.defaults(
                        database, DatabaseEngines.of(database.getSpec()).monitoring(), RUNBOOKS);
        RuleFiles.write(PrometheusRuleBuilder.build(database, rules), dir.resolve("rules.yaml"));

        Result result = promtool.run(dir, "check", "rules", "rules.yaml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + rules.size() + " rules found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("promtools")
    void mongoDbAlertsFireWhenTheyShouldAndOnlyThen(Promtool promtool) throws Exception {
        // With backups: the database that has every MongoDB alert.
        assertPromtoolUnitTestsPass(
                promtool, RuleTestDatabases.mongoWithBackups(3), mongoScenarios());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("promtools")
    void postgreSqlAlertsFireWhenTheyShouldAndOnlyThen(Promtool promtool) throws Exception {
        // With backups: the database that has every PostgreSQL alert.
        assertPromtoolUnitTestsPass(
                promtool, RuleTestDatabases.postgresWithBackups(3), postgresScenarios());
    }

    @Test
    void everyDefaultAlertHasAFiringAndASilentCase() {
        assertCovered(Engine.MongoDB, mongoScenarios());
        assertCovered(Engine.PostgreSQL, postgresScenarios());
    }

    private void assertPromtoolUnitTestsPass(
            Promtool promtool, MonitoredDatabase database, List<AlertScenario> scenarios)
            throws Exception {
        List<AlertRule> rules =
                PrometheusRuleBuilder.defaults(
                        database, DatabaseEngines.of(database.getSpec()).monitoring(), RUNBOOKS);
        RuleFiles.write(PrometheusRuleBuilder.build(database, rules), dir.resolve("rules.yaml"));
        PromtoolUnitTests.write(dir, "tests.yaml", "rules.yaml", rules, scenarios);

        Result result = promtool.run(dir, "test", "rules", "tests.yaml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    private static void assertCovered(Engine engine, List<AlertScenario> scenarios) {
        Set<String> alerts =
                DefaultAlerts.of(DatabaseEngines.monitoring(engine)).stream()
                        .map(DefaultAlert::alert)
                        .collect(Collectors.toSet());
        assertThat(alertsOf(scenarios, true)).as("alerts with a firing case").isEqualTo(alerts);
        assertThat(alertsOf(scenarios, false)).as("alerts with a silent case").isEqualTo(alerts);
    }

    private static Set<String> alertsOf(List<AlertScenario> scenarios, boolean firing) {
        return scenarios.stream()
                .filter(scenario -> scenario.firing() == firing)
                .map(AlertScenario::alert)
                .collect(Collectors.toSet());
    }

    private static List<AlertScenario> mongoScenarios() {
        List<AlertScenario> scenarios = new ArrayList<>(MongoDbScenarios.all());
        scenarios.addAll(BackupScenarios.scheduled("catalog"));
        scenarios.addAll(BackupScenarios.verification("catalog"));
        scenarios.addAll(SharedScenarios.forDatabase("catalog", "mongod"));
        return scenarios;
    }

    private static List<AlertScenario> postgresScenarios() {
        List<AlertScenario> scenarios = new ArrayList<>(PostgresScenarios.all());
        scenarios.addAll(BackupScenarios.all());
        scenarios.addAll(SharedScenarios.forDatabase("orders", "postgres"));
        return scenarios;
    }
}
