package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.StandardLabels;
import dev.vigil.resources.DatabaseServices.ClientService;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseServicesTest {

    private final MonitoredDatabase database =
            SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));

    private List<Service> build(List<ClientService> clients) {
        return DatabaseServices.build(database, "db", 27017, clients);
    }

    @Test
    void membersThenTheEnginesClientServicesThenMetrics() {
        Map<String, String> narrower = DatabaseServices.databasePods(database);
        narrower.put(StandardLabels.ROLE, StandardLabels.ROLE_STANDBY);

        List<Service> services =
                build(
                        List.of(
                                new ClientService(
                                        "catalog-a", DatabaseServices.databasePods(database)),
                                new ClientService("catalog-b", narrower)));

        assertThat(services)
                .extracting(service -> service.getMetadata().getName())
                .containsExactly("catalog-members", "catalog-a", "catalog-b", "catalog-metrics");
        Service b = services.get(2);
        assertThat(b.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(b.getSpec().getSelector()).isEqualTo(narrower);
        assertThat(b.getSpec().getPorts())
                .singleElement()
                .satisfies(
                        port -> {
                            assertThat(port.getName()).isEqualTo("db");
                            assertThat(port.getPort()).isEqualTo(27017);
                        });
    }

    @Test
    void noMetricsServiceWithoutTheExporter() {
        database.getSpec().getExporter().setEnabled(false);

        assertThat(build(List.of()))
                .extracting(service -> service.getMetadata().getName())
                .containsExactly("catalog-members");
    }

    @Test
    void everyCallGivesANewSelectorSoNarrowingOneLeavesTheOthers() {
        DatabaseServices.databasePods(database).put(StandardLabels.ROLE, "x");

        assertThat(DatabaseServices.databasePods(database))
                .isEqualTo(StandardLabels.selector(database, StandardLabels.COMPONENT_DATABASE))
                .doesNotContainKey(StandardLabels.ROLE);
    }
}
