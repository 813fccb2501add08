package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.SchemaDefaults;
import dev.vigil.api.v1alpha1.AlertPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Matcher;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertmanagerConfigBuilderTest {

    private static final List<String> DATABASES = List.of("orders", "catalog");

    private static final String HEAD =
            "apiVersion: vigil.dev/v1alpha1\n"
                    + "kind: AlertPolicy\n"
                    + "metadata: {name: team, namespace: shop}\n"
                    + "spec:\n"
                    + "  selector: {names: [orders]}\n";

    private static final String RECEIVERS =
            "  routing:\n"
                    + "    receivers:\n"
                    + "      - name: pager\n"
                    + "        webhookConfigs: [{url: 'https://pager.example.com/hook'}]\n"
                    + "      - name: chat\n"
                    + "        webhookConfigs: [{url: 'https://chat.example.com/hook'}]\n";

    @Test
    void nothingWithoutRoutes() {
        assertThat(AlertmanagerConfigBuilder.build(policy(HEAD), DATABASES)).isEmpty();
        assertThat(AlertmanagerConfigBuilder.build(policy(HEAD + RECEIVERS), DATABASES)).isEmpty();
    }

    @Test
    void aRouteWithoutPrioritiesCatchesTheRestAndIsTheTopReceiver() {
        AlertmanagerConfig config =
                AlertmanagerConfigBuilder.build(
                                policy(
                                        HEAD
                                                + RECEIVERS
                                                + "    routes:\n"
                                                + "      - {receiver: pager, priorities: [P1]}\n"
                                                + "      - {receiver: chat}\n"),
                                DATABASES)
                        .orElseThrow();

        Route top = config.getSpec().getRoute();
        assertThat(top.getReceiver()).isEqualTo("chat");
        assertThat(top.getMatchers())
                .extracting(Matcher::getName)
                .containsExactly(MetricSelectors.DATABASE_LABEL);
        List<JsonNode> children = top.getRoutes();
        assertThat(children).hasSize(2);
        assertThat(children.get(0).path("matchers").get(0).path("value").asText()).isEqualTo("P1");
        assertThat(children.get(1).has("matchers")).isFalse();
        assertThat(children.get(1).path("receiver").asText()).isEqualTo("chat");
    }

    @Test
    void withoutACatchAllOnlyRoutedPrioritiesEnterTheTree() {
        Route top =
                AlertmanagerConfigBuilder.build(
                                policy(
                                        HEAD
                                                + RECEIVERS
                                                + "    routes:\n"
                                                + "      - {receiver: chat, priorities: [P3,"
                                                + " P2]}\n"),
                                DATABASES)
                        .orElseThrow()
                        .getSpec()
                        .getRoute();

        assertThat(top.getReceiver()).isEqualTo("chat");
        assertThat(top.getMatchers())
                .filteredOn(matcher -> matcher.getName().equals("priority"))
                .singleElement()
                .satisfies(
                        matcher -> {
                            assertThat(matcher.getMatchType()).isEqualTo("=~");
                            assertThat(matcher.getValue()).isEqualTo("P2|P3");
                        });
    }

    @Test
    void ownedByThePolicyInItsNamespace() {
        AlertmanagerConfig config =
                AlertmanagerConfigBuilder.build(
                                policy(HEAD + RECEIVERS + "    routes: [{receiver: pager}]\n"),
                                DATABASES)
                        .orElseThrow();

        assertThat(config.getMetadata().getName()).isEqualTo("team-routing");
        assertThat(config.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(config.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(
                        owner -> {
                            assertThat(owner.getKind()).isEqualTo("AlertPolicy");
                            assertThat(owner.getName()).isEqualTo("team");
                            assertThat(owner.getController()).isTrue();
                        });
        assertThat(config.getSpec().getReceivers().get(0).getWebhookConfigs().get(0).getUrl())
                .isEqualTo("https://pager.example.com/hook");
    }

    @Test
    void aRouteToAnUnknownReceiverIsRefusedNamingTheField() {
        AlertPolicy policy =
                policy(
                        HEAD
                                + RECEIVERS
                                + "    routes:\n"
                                + "      - {receiver: pager}\n"
                                + "      - {receiver: phone}\n");

        assertThatThrownBy(() -> AlertmanagerConfigBuilder.build(policy, DATABASES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.routing.routes[1].receiver")
                .hasMessageContaining("'phone'");
    }

    private static AlertPolicy policy(String yaml) {
        return SchemaDefaults.withDefaults(Serialization.unmarshal(yaml, AlertPolicy.class));
    }

    @Test
    void routesOnlyTheAlertsOfTheSelectedDatabasesAndNothingWithoutThem() {
        AlertPolicy policy =
                policy(HEAD + RECEIVERS + "    routes: [{receiver: pager, priorities: [P1]}]\n");

        assertThat(AlertmanagerConfigBuilder.build(policy, DATABASES))
                .hasValueSatisfying(
                        config ->
                                assertThat(config.getSpec().getRoute().getMatchers())
                                        .anySatisfy(
                                                m -> {
                                                    assertThat(m.getName())
                                                            .isEqualTo("vigil_database");
                                                    assertThat(m.getMatchType()).isEqualTo("=~");
                                                    assertThat(m.getValue())
                                                            .isEqualTo("catalog|orders");
                                                }));
        assertThat(AlertmanagerConfigBuilder.build(policy, List.of())).isEmpty();
    }

    @Test
    void aRouteCarriesItsMatchersIntervalsAndContinue() {
        AlertmanagerConfig config =
                AlertmanagerConfigBuilder.build(
                                policy(
                                        HEAD
                                                + RECEIVERS
                                                + "    alertmanagerConfigLabels: {alertmanager:"
                                                + " main, release: kube-prometheus-stack}\n"
                                                + "    routes:\n"
                                                + "      - receiver: pager\n"
                                                + "        priorities: [P1]\n"
                                                + "        groupInterval: 1m\n"
                                                + "        continue: true\n"
                                                + "        matchers:\n"
                                                + "          - {name: team, value: dba}\n"
                                                + "          - {name: env, matchType: '!~',"
                                                + " value: 'test-.*'}\n"
                                                + "      - {receiver: chat}\n"),
                                DATABASES)
                        .orElseThrow();

        JsonNode pager = config.getSpec().getRoute().getRoutes().get(0);
        assertThat(pager.path("groupInterval").asText()).isEqualTo("1m");
        assertThat(pager.path("continue").asBoolean()).isTrue();
        assertThat(pager.path("matchers").toString())
                .isEqualTo(
                        "[{\"matchType\":\"=\",\"name\":\"priority\",\"value\":\"P1\"},"
                                + "{\"matchType\":\"=\",\"name\":\"team\",\"value\":\"dba\"},"
                                + "{\"matchType\":\"!~\",\"name\":\"env\",\"value\":\"test-.*\"}]");
        JsonNode chat = config.getSpec().getRoute().getRoutes().get(1);
        assertThat(chat.has("continue")).isFalse();
        assertThat(chat.has("groupInterval")).isFalse();
        assertThat(config.getMetadata().getLabels())
                .containsEntry("alertmanager", "main")
                .containsEntry("release", "kube-prometheus-stack")
                .containsEntry("app.kubernetes.io/managed-by", "vigil-operator");
    }

    @Test
    void aRouteWithMatchersButNoPrioritiesIsNoCatchAll() {
        Route top =
                AlertmanagerConfigBuilder.build(
                                policy(
                                        HEAD
                                                + RECEIVERS
                                                + "    routes:\n"
                                                + "      - {receiver: pager, priorities: [P1]}\n"
                                                + "      - receiver: chat\n"
                                                + "        matchers: [{name: team, value: dba}]\n"),
                                DATABASES)
                        .orElseThrow()
                        .getSpec()
                        .getRoute();

        // Every priority may enter (the second route takes any), but it catches only team=dba:
        // the rest falls back to the first route's receiver, not to chat.
        assertThat(top.getMatchers())
                .extracting(Matcher::getName)
                .containsExactly(MetricSelectors.DATABASE_LABEL);
        assertThat(top.getReceiver()).isEqualTo("pager");
    }
}
