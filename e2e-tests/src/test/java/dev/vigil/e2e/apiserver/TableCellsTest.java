package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableCellsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void agesReadAsKubectlPrintsThem() {
        assertThat(HumanDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanDuration.format(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(HumanDuration.format(Duration.ofSeconds(192))).isEqualTo("3m12s");
        assertThat(HumanDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(HumanDuration.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(HumanDuration.format(Duration.ofMinutes(5 * 60 + 7))).isEqualTo("5h7m");
        assertThat(HumanDuration.format(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(HumanDuration.format(Duration.ofHours(51))).isEqualTo("2d3h");
        assertThat(HumanDuration.format(Duration.ofDays(40))).isEqualTo("40d");
    }

    @Test
    void printerColumnPathsFindValuesIndexesAndFilteredElements() throws Exception {
        JsonNode object =
                JSON.readTree(
                        "{\"status\":{\"phase\":\"Ready\",\"conditions\":[{\"type\":\"Progressing\",\"status\":\"False\"},"
                            + "{\"type\":\"Ready\",\"status\":\"True\"}]}}");

        assertThat(SimpleJsonPath.read(object, ".status.phase").asText()).isEqualTo("Ready");
        assertThat(SimpleJsonPath.read(object, ".status.conditions[0].type").asText())
                .isEqualTo("Progressing");
        assertThat(
                        SimpleJsonPath.read(
                                        object, ".status.conditions[?(@.type==\"Ready\")].status")
                                .asText())
                .isEqualTo("True");
        assertThat(SimpleJsonPath.read(object, ".spec.replicas").isMissingNode()).isTrue();
    }

    @Test
    void cellsTakeTheColumnsType() throws Exception {
        Instant now = Instant.parse("2025-01-01T00:10:00Z");

        assertThat(TableColumn.convert(JSON.readTree("3"), "integer", now).asInt()).isEqualTo(3);
        assertThat(TableColumn.convert(JSON.readTree("\"3\""), "integer", now).isNull()).isTrue();
        assertThat(
                        TableColumn.convert(JSON.readTree("\"2025-01-01T00:05:00Z\""), "date", now)
                                .asText())
                .isEqualTo("5m");
        assertThat(TableColumn.convert(JSON.readTree("7"), "string", now).asText()).isEqualTo("7");
    }

    @Test
    void aPodsStatusIsItsContainersWaitingReason() throws Exception {
        JsonNode pod =
                JSON.readTree(
                        "{\"status\":{\"phase\":\"Running\",\"containerStatuses\":[{\"ready\":false,"
                            + "\"restartCount\":4,\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}}]}}");

        assertThat(BuiltInColumns.podStatus(pod)).isEqualTo("CrashLoopBackOff");
    }
}
