package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.api.v1alpha1.ValidationMessages;
import dev.vigil.validation.CrdSchemaValidator;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vigil validate} checks every CEL rule of the CRDs offline, with the same field and words:
 * each {@link CelRuleCases} case gives exactly its errors, and every rule of the bundled CRDs has a
 * case. {@code ApiServerValidationTest} shows the API server gives the same errors for the same
 * cases.
 */
class CelRulesOfflineTest {

    static List<CelRuleCases.Case> cases() {
        return CelRuleCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vigilValidateReportsWhatTheRuleSays(CelRuleCases.Case rule) {
        assertThat(offlineErrors(rule.document()))
                .containsExactlyInAnyOrderElementsOf(rule.errors());
    }

    @Test
    void everyRuleOfTheCrdsHasACase() throws IOException {
        Set<String> caseRules =
                CelRuleCases.all().stream()
                        .map(CelRuleCases.Case::rule)
                        .collect(Collectors.toCollection(TreeSet::new));

        assertThat(new TreeSet<>(ruleMessages(false))).isEqualTo(caseRules);
    }

    @Test
    void theTransitionRulesAreTheImmutableFields() throws IOException {
        // Checked offline by `vigil validate --previous` (ValidatePreviousRevisionTest).
        assertThat(ruleMessages(true))
                .containsExactlyInAnyOrder(
                        ValidationMessages.ENGINE_IMMUTABLE,
                        ValidationMessages.MODE_IMMUTABLE,
                        ValidationMessages.BOOTSTRAP_IMMUTABLE);
    }

    /** What {@code vigil validate} reports for one document. */
    static List<FieldError> offlineErrors(ManifestDocument document) {
        return new ManifestValidator()
                .validate(List.of(document)).problems().stream()
                        .map(ManifestValidator.Problem::error)
                        .toList();
    }

    /** The static messages of the rules of both CRDs: transition rules or the others. */
    private static List<String> ruleMessages(boolean transitionRules) throws IOException {
        List<String> messages = new ArrayList<>();
        for (String crd :
                List.of(
                        CrdSchemaValidator.MONITORED_DATABASE_CRD,
                        CrdSchemaValidator.ALERT_POLICY_CRD)) {
            try (InputStream in =
                    CelRulesOfflineTest.class.getResourceAsStream("/META-INF/vigil/crds/" + crd)) {
                assertThat(in).as(crd).isNotNull();
                JsonNode schema =
                        Serialization.jsonMapper()
                                .valueToTree(Serialization.unmarshal(in, Object.class));
                collect(schema, transitionRules, messages);
            }
        }
        assertThat(messages).as("rules found").isNotEmpty();
        return messages;
    }

    private static void collect(JsonNode node, boolean transitionRules, List<String> messages) {
        for (JsonNode rule : node.path("x-kubernetes-validations")) {
            if (rule.path("rule").asText().contains("oldSelf") == transitionRules) {
                messages.add(rule.path("message").asText());
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, transitionRules, messages));
        }
    }
}
