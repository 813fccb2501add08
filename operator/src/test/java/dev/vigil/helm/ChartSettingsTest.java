package dev.vigil.helm;

import static dev.vigil.helm.OperatorContainers.operatorContainer;
import static dev.vigil.helm.OperatorContainers.resolverOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.runtime.OperatorSettingsTable;
import dev.vigil.runtime.Setting;
import dev.vigil.runtime.Surroundings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart passes the operator exactly the settings of {@link OperatorSettingsTable}, each as its
 * declaration says: the variables it renders are the declared ones the chart sets, and each
 * declared chart value exists and reaches its setting.
 */
class ChartSettingsTest {

    private static final Surroundings IN_THE_RELEASE_NAMESPACE =
            Surroundings.inPod(RenderedChart.NAMESPACE);

    private final ObjectMapper json = new ObjectMapper();

    static Stream<Setting<?>> settingsWithAChartValue() {
        return OperatorSettingsTable.ALL.stream().filter(s -> s.chart().valuePath() != null);
    }

    @Test
    void theChartSetsTheDeclaredVariablesAndNoOther() throws IOException {
        // Every chart value at its example, and leader election on: every variable the chart can
        // set is set.
        Map<String, Object> values = new LinkedHashMap<>();
        settingsWithAChartValue().forEach(s -> put(values, s.chart().valuePath(), example(s)));
        values.put("replicaCount", 2);

        Set<String> rendered =
                operatorContainer(render(values)).getEnv().stream()
                        .map(EnvVar::getName)
                        .filter(name -> name.startsWith("VIGIL_"))
                        .collect(Collectors.toSet());

        assertThat(rendered)
                .containsExactlyInAnyOrderElementsOf(
                        OperatorSettingsTable.ALL.stream()
                                .filter(s -> s.chart().setsVariable())
                                .map(Setting::env)
                                .toList());
    }

    @ParameterizedTest
    @MethodSource("settingsWithAChartValue")
    void eachChartValueIsInValuesYamlAndTheSchema(Setting<?> setting) throws IOException {
        JsonNode values =
                new YAMLMapper().readTree(RenderedChart.CHART.resolve("values.yaml").toFile());
        JsonNode schema = json.readTree(RenderedChart.CHART.resolve("values.schema.json").toFile());

        for (String key : setting.chart().valuePath().split("\\.")) {
            values = values.path(key);
            schema = schema.path("properties").path(key);
        }
        assertThat(values.isMissingNode()).as("values.yaml has " + setting.chart()).isFalse();
        assertThat(schema.isMissingNode()).as("the schema has " + setting.chart()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("settingsWithAChartValue")
    void eachChartValueReachesItsSetting(Setting<?> setting) throws IOException {
        assertExampleAndDefaultReach(setting);
    }

    private <T> void assertExampleAndDefaultReach(Setting<T> setting) throws IOException {
        assertReaches(setting, setting.type().parse(setting.example()));
        assertReaches(setting, setting.defaultValue().in(IN_THE_RELEASE_NAMESPACE));
    }

    /**
     * Renders the chart with the setting's value at {@code value}, with leader election on (the
     * Lease's settings are rendered only then), and checks that the operator resolves it.
     */
    private <T> void assertReaches(Setting<T> setting, T value) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        put(values, "leaderElection.enabled", true);
        put(values, setting.chart().valuePath(), chartValue(setting, value));

        T resolved = resolverOf(operatorContainer(render(values))).resolve(setting, null);

        assertThat(resolved).as(setting.chart().valuePath() + ": " + value).isEqualTo(value);
    }

    /** The setting's example as the chart's values hold it. */
    private static <T> Object example(Setting<T> setting) {
        return chartValue(setting, setting.type().parse(setting.example()));
    }

    /** A setting's value as the chart's values hold it: lists, maps, numbers and booleans. */
    private static <T> Object chartValue(Setting<T> setting, T value) {
        if (value instanceof Set<?> set) {
            return new ArrayList<>(set);
        }
        if (value instanceof Map<?, ?> || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return setting.type().format(value);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> values, String path, Object value) {
        String[] keys = path.split("\\.");
        Map<String, Object> map = values;
        for (int i = 0; i < keys.length - 1; i++) {
            map = (Map<String, Object>) map.computeIfAbsent(keys[i], key -> new LinkedHashMap<>());
        }
        map.put(keys[keys.length - 1], value);
    }

    private Deployment render(Map<String, Object> values) throws IOException {
        // JSON is YAML: a values file Helm reads as is.
        return RenderedChart.render(json.writeValueAsString(values)).one(Deployment.class);
    }
}
