package dev.vigil.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.BackupSchedule;
import dev.vigil.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The backup agent against a real primary archiving to a real S3 server: the clock moves instead of
 * the test waiting for the schedule, and each step is one {@link BackupAgent#tick()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupAgentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-12-05T00:59:30Z");

    private BackupRig rig;

    @BeforeAll
    void start() {
        rig = BackupRig.start("");
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void backsUpAtEachDueTimeOnlyOnThePrimaryAndServesItsStatus() throws Exception {
        MutableClock clock = new MutableClock(START);
        Path data = rig.cluster.primary().dataDirectory();
        try (BackupAgent agent =
                new BackupAgent(
                        rig.primaryPgBackRest(), BackupSchedule.parse("0 * * * *"), data, clock)) {
            agent.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(agent.nextDue()).isEqualTo(Instant.parse("2026-12-05T01:00:00Z"));

            assertThat(agent.tick()).as("not due yet").isFalse();
            assertThat(agent.status().lastSuccessful()).isNull();

            clock.advance(Duration.ofMinutes(1));
            rig.explainFailures(() -> assertThat(agent.tick()).as("due at 01:00").isTrue());
            AgentStatus status = agent.status();
            assertThat(status.lastFailed()).isNull();
            assertThat(status.primary()).isTrue();
            assertThat(status.lastSuccessful().finishedAt()).isEqualTo("2026-12-05T01:00:30Z");
            assertThat(status.lastSuccessful().label()).matches("\\d{8}-\\d{6}F");
            assertThat(status.lastSuccessful().sizeBytes()).isPositive();
            assertThat(status.lastSuccessful().durationSeconds()).isPositive();
            assertThat(status.recoverableFrom()).isNotNull();
            assertThat(Instant.parse(status.recoverableTo()))
                    .isAfterOrEqualTo(Instant.parse(status.recoverableFrom()));
            assertThat(status.scheduleIntervalSeconds()).isEqualTo(3600);
            assertThat(status.walArchiveLagSeconds()).isNotNull().isGreaterThanOrEqualTo(0.0);
            assertThat(agent.tick()).as("next due at 02:00").isFalse();

            HttpResponse<String> response = get(agent, "GET");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode json = JSON.readTree(response.body());
            assertThat(fieldNames(json))
                    .containsExactlyInAnyOrder(
                            "primary",
                            "lastSuccessful",
                            "lastFailed",
                            "recoverableFrom",
                            "recoverableTo",
                            "walArchiveLagSeconds",
                            "scheduleIntervalSeconds");
            assertThat(fieldNames(json.get("lastSuccessful")))
                    .containsExactlyInAnyOrder(
                            "finishedAt", "sizeBytes", "durationSeconds", "label");
            assertThat(json.get("lastFailed").isNull()).isTrue();
            assertThat(json.get("lastSuccessful").get("label").asText())
                    .isEqualTo(status.lastSuccessful().label());
            assertThat(json.get("scheduleIntervalSeconds").asLong()).isEqualTo(3600);
            assertThat(get(agent, "POST").statusCode()).isEqualTo(405);

            // A standby (after a failover, say) keeps its schedule but never backs up.
            Path signal = Files.createFile(data.resolve("standby.signal"));
            try {
                clock.advance(Duration.ofHours(1));
                assertThat(agent.tick()).as("due, but a standby").isFalse();
                assertThat(agent.status().primary()).isFalse();
                assertThat(agent.status().lastSuccessful()).isEqualTo(status.lastSuccessful());
                assertThat(agent.nextDue()).isEqualTo(Instant.parse("2026-12-05T03:00:00Z"));
            } finally {
                Files.delete(signal);
            }
        }
    }

    @Test
    void aFailedBackupKeepsPgBackRestsFirstErrorLineAndNoCredential() throws Exception {
        Map<String, String> environment =
                new HashMap<>(rig.environment(rig.cluster.primary().dataDirectory()));
        String wrongSecret = "wrong" + UUID.randomUUID().toString().replace("-", "");
        environment.put("PGBACKREST_REPO1_S3_KEY_SECRET", wrongSecret);
        MutableClock clock = new MutableClock(START);
        try (BackupAgent agent =
                new BackupAgent(
                        rig.pgBackRest(environment),
                        BackupSchedule.parse("0 3 * * *"),
                        rig.cluster.primary().dataDirectory(),
                        clock)) {
            clock.advance(Duration.ofHours(3));

            assertThat(agent.tick()).isTrue();

            AgentStatus status = agent.status();
            assertThat(status.lastSuccessful()).isNull();
            assertThat(status.lastFailed().finishedAt()).isEqualTo("2026-12-05T03:59:30Z");
            assertThat(status.lastFailed().message())
                    .startsWith("ERROR: [")
                    .doesNotContain(wrongSecret)
                    .doesNotContain(rig.store.secretKey())
                    .doesNotContain("\n");
            assertThat(status.scheduleIntervalSeconds()).isEqualTo(86400);
            assertThat(JSON.writeValueAsString(status))
                    .doesNotContain(wrongSecret)
                    .doesNotContain(rig.store.secretKey());
        }
    }

    private static HttpResponse<String> get(BackupAgent agent, String method) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + agent.port()
                                                + BackupAgent.STATUS_PATH))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
