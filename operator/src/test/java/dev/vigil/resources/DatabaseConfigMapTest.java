package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.testing.TestDatabases;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigMapTest {

    private final MonitoredDatabase database =
            SchemaDefaults.withDefaults(TestDatabases.mongo("catalog", "shop"));

    @Test
    void holdsTheEnginesFilesUnderTheDatabasesConfigName() {
        ConfigMap config = DatabaseConfigMap.build(database, Map.of("db.conf", "port: 1\n"));

        assertThat(config.getMetadata().getName()).isEqualTo("catalog-config");
        assertThat(config.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(config.getMetadata().getOwnerReferences()).hasSize(1);
        assertThat(config.getData()).containsExactly(Map.entry("db.conf", "port: 1\n"));
    }

    @Test
    void theVolumeMountsThatConfigMap() {
        Volume volume = DatabaseConfigMap.volume(database, "config");

        assertThat(volume.getName()).isEqualTo("config");
        assertThat(volume.getConfigMap().getName()).isEqualTo("catalog-config");
    }
}
