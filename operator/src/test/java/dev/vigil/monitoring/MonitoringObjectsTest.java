package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.slo.ServiceLevelObjectives;
import dev.vigil.monitoring.slo.SloRules;
import dev.vigil.testing.GoldenFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden-file tests of the monitoring objects Vigil builds: the monitor and the dashboard ConfigMap
 * of a {@code MonitoredDatabase}, and the AlertmanagerConfig of an {@code AlertPolicy}.
 *
 * <p>Each directory under {@code src/test/resources/MonitoringObjectsTest/} is a case: inputs
 * {@code in-MonitoredDatabase-<name>.yaml} and {@code in-AlertPolicy-<name>.yaml}, written as a
 * user would (schema defaults are applied here, as the reconciler does), and one expected file
 * {@code out-<Kind>-<name>.yaml} per object built; a case expecting nothing has no expected file.
 * See {@link GoldenFiles} for the comparison, and regenerate after an intended change with:
 *
 * <pre>
 * ./mvnw -o -B -q -pl operator test -Dtest=MonitoringObjectsTest -Dvigil.golden.update=true
 * </pre>
 */
class MonitoringObjectsTest {

    private static final Path CASES = Path.of("src/test/resources/MonitoringObjectsTest");

    /** The databases an AlertPolicy case routes for, as the reconciler would have matched them. */
    private static final List<String> GOLDEN_DATABASES = List.of("catalog", "orders");

    private static final String DATABASE_INPUT = "in-MonitoredDatabase-";
    private static final String POLICY_INPUT = "in-AlertPolicy-";

    @TestFactory
    Stream<DynamicNode> monitoringObjects() {
        return GoldenFiles.caseDirs(CASES).stream()
                .map(caseDir -> GoldenFiles.compare(caseDir, GoldenFiles.render(build(caseDir))));
    }

    private static List<HasMetadata> build(Path caseDir) {
        List<Path> databases = GoldenFiles.list(caseDir, DATABASE_INPUT);
        List<Path> policies = GoldenFiles.list(caseDir, POLICY_INPUT);
        assertThat(GoldenFiles.list(caseDir, GoldenFiles.INPUT_PREFIX))
                .as("inputs of %s are MonitoredDatabases and AlertPolicies", caseDir)
                .hasSize(databases.size() + policies.size())
                .isNotEmpty();
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : databases) {
            MonitoredDatabase database =
                    SchemaDefaults.withDefaults(
                            Serialization.unmarshal(
                                    GoldenFiles.read(file), MonitoredDatabase.class));
            MonitorBuilder.build(database).ifPresent(objects::add);
            EngineMonitoring engine = DatabaseEngines.of(database.getSpec()).monitoring();
            DashboardConfigMapBuilder.build(database, engine).ifPresent(objects::add);
            if (ServiceLevelObjectives.spec(database) != null) {
                // The rules of a database with SLOs, the SLO group included, as the operator and
                // `vigil render` write them.
                objects.add(
                        PrometheusRuleBuilder.build(
                                database,
                                PrometheusRuleBuilder.defaults(
                                        database,
                                        engine,
                                        MonitoringContext.DEFAULT_RUNBOOK_BASE_URL),
                                SloRules.of(
                                        database,
                                        engine.indicators(),
                                        PriorityLabels.DEFAULT,
                                        MonitoringContext.DEFAULT_RUNBOOK_BASE_URL)));
            }
        }
        for (Path file : policies) {
            AlertPolicy policy =
                    SchemaDefaults.withDefaults(
                            Serialization.unmarshal(GoldenFiles.read(file), AlertPolicy.class));
            AlertmanagerConfigBuilder.build(policy, GOLDEN_DATABASES).ifPresent(objects::add);
        }
        return objects;
    }
}
