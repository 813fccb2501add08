package dev.vigil.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user rotates a PostgreSQL database's monitoring password with {@code kubectl annotate}: the
 * generated Secret gets a new value, the database accepts it and refuses the old one, the pod
 * restarts and its exporter reports the database up with the new password; no value shows in {@code
 * kubectl describe}, the Events or the operator's log.
 */
@ExtendWith(E2EExtension.class)
class RotationE2E {

    private static final String NAME = "notes";

    @Test
    void kubectlAnnotateRotatesTheMonitoringPassword(Scenario scenario) throws Exception {
        scenario.apply(Manifests.postgres(NAME, 1));
        scenario.waitReady(NAME);
        String old = password(monitoringSecret(scenario));
        String podBefore = scenario.pods(NAME).get(0).getMetadata().getUid();
        assertThat(logsIn(scenario, old)).isTrue();

        scenario.kubectl("annotate", "mdb", NAME, "vigil.dev/rotate-monitoring-password=2026-11-23")
                .orThrow();

        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .until(
                        () ->
                                "2026-11-23"
                                        .equals(
                                                monitoringSecret(scenario)
                                                        .getMetadata()
                                                        .getAnnotations()
                                                        .get("vigil.dev/rotation-token")));
        String rotated = password(monitoringSecret(scenario));
        assertThat(rotated).isNotEqualTo(old);
        Awaitility.await()
                .atMost(60, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> logsIn(scenario, rotated) && !logsIn(scenario, old));

        DatabaseProbes probes = new DatabaseProbes(scenario);
        Awaitility.await()
                .atMost(Scenario.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS)
                .ignoreExceptions()
                .untilAsserted(
                        () -> {
                            Pod pod = scenario.pods(NAME).get(0);
                            assertThat(pod.getMetadata().getUid())
                                    .as("the pod restarted")
                                    .isNotEqualTo(podBefore);
                            assertThat(probes.exporterMetrics(pod))
                                    .containsPattern("(?m)^pg_up 1$");
                        });
        scenario.waitReady(NAME);

        String described = scenario.kubectl("describe", "mdb", NAME).orThrow().stdout();
        String events = scenario.kubectl("get", "events", "-o", "yaml").orThrow().stdout();
        String operatorLog =
                Files.readString(scenario.local().operatorLog(), StandardCharsets.UTF_8);
        assertThat(described).contains("MonitoringPasswordRotated");
        for (String password : new String[] {old, rotated}) {
            assertThat(described).as("kubectl describe").doesNotContain(password);
            assertThat(events).as("Events").doesNotContain(password);
            assertThat(operatorLog).as("operator log").doesNotContain(password);
        }
    }

    private static Secret monitoringSecret(Scenario scenario) {
        return scenario.client()
                .secrets()
                .inNamespace(scenario.namespace())
                .withName(NAME + "-monitoring")
                .get();
    }

    private static String password(Secret secret) {
        return new String(
                Base64.getDecoder().decode(secret.getData().get("password")),
                StandardCharsets.UTF_8);
    }

    /** Whether the monitoring role logs in to member 0 with {@code password}. */
    private static boolean logsIn(Scenario scenario, String password) throws SQLException {
        InetSocketAddress address =
                scenario.local()
                        .dns()
                        .resolve(
                                NAME
                                        + "-0."
                                        + NAME
                                        + "-members."
                                        + scenario.namespace()
                                        + ".svc.cluster.local",
                                5432);
        Properties properties = new Properties();
        properties.setProperty("user", "vigil_monitor");
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        String url =
                "jdbc:postgresql://"
                        + address.getAddress().getHostAddress()
                        + ":"
                        + address.getPort()
                        + "/postgres";
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
