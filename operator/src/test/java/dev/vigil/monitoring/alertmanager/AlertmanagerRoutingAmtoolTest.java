package dev.vigil.monitoring.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import dev.vigil.monitoring.AlertmanagerConfigBuilder;
import dev.vigil.monitoring.alertmanager.AlertmanagerTools.Amtool;
import dev.vigil.monitoring.alertmanager.AlertmanagerTools.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every AlertmanagerConfig these fixtures render (the P1..P4 channel mapping of
 * docs/alertpolicy.md, one policy per receiver kind, routes with a matcher of each type) goes
 * through prometheus-operator's own conversion into an Alertmanager configuration, which {@code
 * amtool check-config} must accept; {@code amtool config routes test} then says which receivers an
 * alert reaches. Two amtools: Debian's (0.25) for every kind it knows, the one of the Alertmanager
 * release prometheus-operator requires (0.28.1) for all of them, MS Teams included. All policies go
 * into one configuration per amtool, as one Alertmanager selecting them all would hold them.
 */
class AlertmanagerRoutingAmtoolTest {

    private static final String FIXTURES = "/AlertmanagerRoutingAmtoolTest/";

    /** The receiver kinds Debian's Alertmanager 0.25 does not have (MS Teams came in 0.26). */
    private static final Set<String> NEWER_THAN_DEBIAN = Set.of("msteams", "msteamsv2");

    /** Vigil's alerts carry the database and, from prometheus-operator, their namespace. */
    private static final String DATABASE = "vigil_database=orders";

    @TempDir static Path dir;

    private static Amtool debian;
    private static Amtool module;
    private static Path debianConfig;
    private static Path moduleConfig;

    @BeforeAll
    static void generate() throws Exception {
        List<AlertPolicy> policies = new ArrayList<>();
        for (String file : List.of("priority-channels", "receiver-kinds", "matchers")) {
            policies.addAll(load(file + ".yaml", AlertPolicy.class));
        }
        List<AlertmanagerConfig> all =
                policies.stream()
                        .map(SchemaDefaults::withDefaults)
                        .map(p -> AlertmanagerConfigBuilder.build(p, List.of("orders")))
                        .map(java.util.Optional::orElseThrow)
                        .toList();
        List<Secret> secrets = secretsIn(all);
        debian = AlertmanagerTools.debianAmtool();
        module = AlertmanagerTools.moduleAmtool();
        List<AlertmanagerConfig> debianKinds =
                all.stream().filter(c -> !NEWER_THAN_DEBIAN.contains(policyOf(c))).toList();
        debianConfig = write("debian.yaml", debian, debianKinds, secrets);
        moduleConfig = write("module.yaml", module, all, secrets);
    }

    @Test
    void everyConfigurationPassesAmtoolCheckConfig() throws Exception {
        for (Path config : List.of(debianConfig, moduleConfig)) {
            Amtool amtool = config == debianConfig ? debian : module;
            Result checked = AlertmanagerTools.checkConfig(amtool, config);
            assertThat(checked.exitCode()).as("%s check-config: %s", amtool, checked).isZero();
            assertThat(checked.stdout()).contains("SUCCESS");
        }
    }

    static Stream<Arguments> priorities() {
        return Stream.of(
                Arguments.of("P1", List.of("phone", "sms", "email")),
                Arguments.of("P2", List.of("sms", "email")),
                Arguments.of("P3", List.of("email")),
                Arguments.of("P4", List.of("email", "ticket")));
    }

    @ParameterizedTest
    @MethodSource("priorities")
    void eachPriorityReachesItsChannels(String priority, List<String> channels) throws Exception {
        List<String> expected = channels.stream().map(c -> "shop/channels-routing/" + c).toList();
        for (Amtool amtool : List.of(debian, module)) {
            Path config = amtool == debian ? debianConfig : moduleConfig;
            assertThat(
                            AlertmanagerTools.receivers(
                                    amtool,
                                    config,
                                    "namespace=shop",
                                    DATABASE,
                                    "alertname=PostgreSQLDown",
                                    "priority=" + priority))
                    .as("%s, amtool %s", priority, amtool.alertmanagerVersion())
                    .isEqualTo(expected);
        }
    }

    @Test
    void alertsOfOtherDatabasesOrNamespacesStayOutOfThePolicysRoutes() throws Exception {
        assertThat(
                        AlertmanagerTools.receivers(
                                debian,
                                debianConfig,
                                "namespace=shop",
                                "vigil_database=other",
                                "priority=P1"))
                .containsExactly("null");
        assertThat(
                        AlertmanagerTools.receivers(
                                debian,
                                debianConfig,
                                "namespace=elsewhere",
                                DATABASE,
                                "priority=P1"))
                .containsExactly("null");
    }

    static Stream<Arguments> matchedAlerts() {
        return Stream.of(
                // = : team=payments, any priority.
                Arguments.of(List.of("priority=P3", "team=payments"), "payments"),
                // != : P2 of every job but batch.
                Arguments.of(List.of("priority=P2", "job=api"), "not-batch"),
                Arguments.of(List.of("priority=P2", "job=batch"), "rest"),
                // =~ : anchored, so a prefix of the name does not match.
                Arguments.of(
                        List.of("priority=P3", "alertname=MongoDBReplicationLagHigh"),
                        "replication"),
                Arguments.of(List.of("priority=P3", "alertname=XMongoDBReplicationLag"), "rest"),
                // !~ : P1 outside staging and test environments; a missing label is "".
                Arguments.of(List.of("priority=P1", "environment=production"), "production"),
                Arguments.of(List.of("priority=P1"), "production"),
                Arguments.of(List.of("priority=P1", "environment=test-7"), "rest"),
                Arguments.of(List.of("priority=P1", "environment=staging"), "rest"));
    }

    @ParameterizedTest
    @MethodSource("matchedAlerts")
    void matchersOfEachTypeChooseTheRoute(List<String> labels, String receiver) throws Exception {
        List<String> all = new ArrayList<>(List.of("namespace=teams", DATABASE));
        all.addAll(labels);
        assertThat(AlertmanagerTools.receivers(debian, debianConfig, all.toArray(String[]::new)))
                .containsExactly("teams/matchers-routing/" + receiver);
    }

    @Test
    void everyReceiverKindKeepsItsSettingsThroughTheConversion() throws IOException {
        Map<String, Object> generated =
                Serialization.unmarshal(Files.readString(moduleConfig), Map.class);
        Map<String, Map<String, Object>> receivers = new LinkedHashMap<>();
        for (Object r : (List<?>) generated.get("receivers")) {
            Map<String, Object> receiver = cast(r);
            receivers.put((String) receiver.get("name"), receiver);
        }
        // Alertmanager's key of each kind, and one setting that must arrive from the fixture.
        Map<String, Map.Entry<String, String>> kinds = new LinkedHashMap<>();
        kinds.put("webhook", Map.entry("webhook_configs", "url=https://hooks.example.com/alerts"));
        kinds.put("slack", Map.entry("slack_configs", "channel=#db-alerts"));
        kinds.put(
                "pagerduty",
                Map.entry("pagerduty_configs", "routing_key=0123456789abcdef0123456789abcdef"));
        kinds.put("email", Map.entry("email_configs", "to=dba@example.com"));
        kinds.put("opsgenie", Map.entry("opsgenie_configs", "priority=P1"));
        kinds.put(
                "msteams",
                Map.entry(
                        "msteams_configs",
                        "webhook_url=https://example.webhook.office.com/webhookb2/example"));
        kinds.put("sns", Map.entry("sns_configs", "phone_number=+15555550100"));
        kinds.put("telegram", Map.entry("telegram_configs", "chat_id=-1001234567890"));
        kinds.put(
                "webex",
                Map.entry("webex_configs", "room_id=Y2lzY29zcGFyazovL3VzL1JPT00vZXhhbXBsZQ"));
        kinds.put(
                "discord",
                Map.entry(
                        "discord_configs",
                        "webhook_url=https://discord.com/api/webhooks/123/example"));
        kinds.put(
                "msteamsv2",
                Map.entry(
                        "msteamsv2_configs",
                        "webhook_url=https://example.webhook.office.com/webhookb2/example"));
        kinds.forEach(
                (kind, expected) -> {
                    Map<String, Object> receiver =
                            receivers.get("kinds/" + kind + "-routing/" + kind);
                    assertThat(receiver).as(kind).isNotNull();
                    List<?> configs = (List<?>) receiver.get(expected.getKey());
                    assertThat(configs).as("%s: %s", kind, receiver).hasSize(1);
                    String[] setting = expected.getValue().split("=", 2);
                    assertThat(String.valueOf(cast(configs.get(0)).get(setting[0])))
                            .as("%s %s", kind, setting[0])
                            .isEqualTo(setting[1]);
                });
    }

    @Test
    void everyReceiverKindIsRoutedTo() throws Exception {
        for (String kind : List.of("webhook", "sns", "telegram", "webex", "discord")) {
            assertThat(
                            AlertmanagerTools.receivers(
                                    debian,
                                    debianConfig,
                                    "namespace=kinds",
                                    DATABASE,
                                    "priority=P2"))
                    .contains("kinds/" + kind + "-routing/" + kind);
        }
        assertThat(
                        AlertmanagerTools.receivers(
                                module, moduleConfig, "namespace=kinds", DATABASE, "priority=P2"))
                .contains("kinds/msteamsv2-routing/msteamsv2", "kinds/msteams-routing/msteams");
    }

    /**
     * What the schema and the docs say, proven on prometheus-operator: a fractional duration (the
     * old pattern of groupWait and repeatInterval let {@code 1.5m} through) is refused, and MS
     * Teams v2 needs Alertmanager 0.28.
     */
    @Test
    void prometheusOperatorRefusesFractionalDurationsAndTeamsV2BeforeAlertmanager028()
            throws Exception {
        AlertmanagerConfig channels = rendered("priority-channels.yaml", 0);
        AlertmanagerConfig fractional =
                new io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfigBuilder(
                                channels)
                        .editSpec()
                        .editRoute()
                        .withGroupWait("1.5m")
                        .endRoute()
                        .endSpec()
                        .build();
        Result refused =
                AlertmanagerTools.generate(
                        module.alertmanagerVersion(),
                        List.of(fractional),
                        secretsIn(List.of(fractional)));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("groupWait 1.5m does not match");

        AlertmanagerConfig teams = rendered("receiver-kinds.yaml", 10);
        assertThat(policyOf(teams)).isEqualTo("msteamsv2");
        Result tooOld =
                AlertmanagerTools.generate(
                        debian.alertmanagerVersion(), List.of(teams), secretsIn(List.of(teams)));
        assertThat(tooOld.exitCode()).as(tooOld.stdout()).isNotZero();
        assertThat(tooOld.stderr()).contains("0.28");
    }

    @Test
    void theExampleRoutesExactlyAsTheTestedPolicy() throws IOException {
        AlertPolicy example =
                Serialization.unmarshal(
                        Files.readString(
                                Path.of("..", "examples", "alertpolicy-priority-channels.yaml")),
                        AlertPolicy.class);
        AlertPolicy tested = load("priority-channels.yaml", AlertPolicy.class).get(0);
        assertThat(Serialization.asJson(example.getSpec().getRouting()))
                .isEqualTo(Serialization.asJson(tested.getSpec().getRouting()));
    }

    private static AlertmanagerConfig rendered(String file, int index) throws IOException {
        return AlertmanagerConfigBuilder.build(
                        SchemaDefaults.withDefaults(load(file, AlertPolicy.class).get(index)),
                        List.of("orders"))
                .orElseThrow();
    }

    private static Path write(
            String name, Amtool amtool, List<AlertmanagerConfig> configs, List<Secret> secrets)
            throws Exception {
        Result generated =
                AlertmanagerTools.generate(amtool.alertmanagerVersion(), configs, secrets);
        assertThat(generated.exitCode()).as("conversion: %s", generated.stderr()).isZero();
        Path file = dir.resolve(name);
        Files.writeString(file, generated.stdout());
        return file;
    }

    private static String policyOf(AlertmanagerConfig config) {
        return config.getMetadata()
                .getName()
                .substring(
                        0,
                        config.getMetadata().getName().length()
                                - AlertmanagerConfigBuilder.NAME_SUFFIX.length());
    }

    /**
     * The fixtures' Secrets in every namespace of {@code configs}, as the API server holds them.
     */
    private static List<Secret> secretsIn(List<AlertmanagerConfig> configs) throws IOException {
        List<Secret> written = load("secrets.yaml", Secret.class);
        return configs.stream()
                .map(c -> c.getMetadata().getNamespace())
                .distinct()
                .flatMap(
                        namespace ->
                                written.stream()
                                        .map(
                                                s ->
                                                        new SecretBuilder()
                                                                .withNewMetadata()
                                                                .withName(s.getMetadata().getName())
                                                                .withNamespace(namespace)
                                                                .endMetadata()
                                                                .withData(
                                                                        encoded(s.getStringData()))
                                                                .build()))
                .toList();
    }

    private static Map<String, String> encoded(Map<String, String> stringData) {
        Map<String, String> data = new LinkedHashMap<>();
        stringData.forEach(
                (k, v) ->
                        data.put(
                                k,
                                Base64.getEncoder()
                                        .encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return data;
    }

    private static <T extends HasMetadata> List<T> load(String file, Class<T> type)
            throws IOException {
        try (InputStream in =
                AlertmanagerRoutingAmtoolTest.class.getResourceAsStream(FIXTURES + file)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<T> objects = new ArrayList<>();
            for (String document : yaml.split("(?m)^---$")) {
                if (!document.strip().isEmpty() && document.contains("kind:")) {
                    objects.add(Serialization.unmarshal(document, type));
                }
            }
            return objects;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
