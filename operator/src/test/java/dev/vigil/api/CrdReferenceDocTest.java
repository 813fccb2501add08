package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrdReferenceDocTest {

    private static final CrdNames NAMES =
            new CrdNames(
                    "Widget",
                    "example.dev",
                    "v1",
                    "Namespaced",
                    List.of("wg"),
                    "A widget that does widget things.",
                    List.of(new CrdNames.PrinterColumn("Size", "string", ".spec.size", "")));

    private static final JsonNode SCHEMA =
            yaml(
                    """
                    type: object
                    x-kubernetes-validations:
                    - {rule: "size(self.metadata.name) <= 9", message: metadata.name is too long}
                    properties:
                      status:
                        type: object
                        properties:
                          phase: {type: string, description: Where it is.}
                      spec:
                        type: object
                        required: [size]
                        properties:
                          size:
                            type: string
                            description: How big.
                            enum: [Small, Large]
                            x-kubernetes-validations:
                            - {rule: self == oldSelf, message: size is immutable}
                          replicas:
                            type: integer
                            default: 1
                            minimum: 1.0
                            maximum: 7.0
                          name:
                            type: string
                            pattern: "^[a-z]+(-[a-z]+|)$"
                          labels:
                            type: object
                            additionalProperties: {type: string}
                          tags:
                            type: array
                            minItems: 1
                            items: {type: string, enum: [red, blue]}
                          schedule:
                            type: object
                            description: When it runs.
                            x-kubernetes-validations:
                            - {rule: has(self.start), message: start is required}
                            - {rule: "!has(self.windows) || has(self.start)", fieldPath: .start,
                               message: needs a start for its windows}
                            properties:
                              start: {type: string, description: "Start time, e.g. <hh:mm>."}
                              windows:
                                type: array
                                items:
                                  type: object
                                  properties:
                                    days: {type: integer}
                          affinity:
                            type: object
                            properties:
                              nodeAffinity: {type: object, properties: {x: {type: string}}}
                    """);

    private static final Map<String, TypeLink> EMBEDDED =
            Map.of("spec.affinity", new TypeLink("Affinity", "https://k8s.example/affinity"));

    private final String doc = CrdReferenceDoc.render(NAMES, SCHEMA, EMBEDDED);

    @Test
    void startsWithTitleIntroNamesAndPrinterColumns() {
        assertThat(doc)
                .contains("# Widget\n\nA widget that does widget things.\n\n")
                .contains("- API version: `example.dev/v1`\n")
                .contains("- Short names: `wg`\n")
                .contains("The columns of `kubectl get wg`.")
                .contains("| Size | string | `.spec.size` |\n");
    }

    @Test
    void rulesOnTheWholeResourceFollowTheHeader() {
        assertThat(doc)
                .contains(
                        "- Short names: `wg`\n\nMust satisfy `size(self.metadata.name) <= 9`;"
                                + " otherwise rejected with \"metadata.name is too long\".\n\n");
    }

    @Test
    void sectionsAreSpecThenItsObjectsDepthFirstThenStatus() {
        assertThat(headings(doc))
                .containsExactly(
                        "Printer columns",
                        "spec",
                        "spec.schedule",
                        "spec.schedule.windows[]",
                        "status");
    }

    @Test
    void showsRequiredEnumAndImmutability() {
        assertThat(row("size"))
                .isEqualTo(
                        "| `size` | string | yes |  | How big.<br>One of `Small`, `Large`.<br>"
                                + "Immutable: a change is rejected with \"size is immutable\". |");
    }

    @Test
    void showsDefaultAndRange() {
        assertThat(row("replicas"))
                .isEqualTo("| `replicas` | integer | no | `1` | Minimum `1`, maximum `7`. |");
    }

    @Test
    void escapesThePipesOfAPatternInsideTheTable() {
        assertThat(row("name"))
                .isEqualTo("| `name` | string | no |  | Must match `^[a-z]+(-[a-z]+\\|)$`. |");
    }

    @Test
    void showsTheValidationOfListItems() {
        assertThat(row("tags"))
                .isEqualTo(
                        "| `tags` | list of string | no |  | Minimum items `1`.<br>"
                                + "Each item: one of `red`, `blue`. |");
    }

    @Test
    void linksNestedObjectsToTheirSectionsAndNamesMapsAndLists() {
        assertThat(row("schedule"))
                .startsWith("| `schedule` | [object](#specschedule) | no |  | When it runs. |");
        assertThat(row("windows"))
                .startsWith("| `windows` | list of [object](#specschedulewindows) |");
        assertThat(row("labels")).startsWith("| `labels` | map of string |");
    }

    @Test
    void showsObjectRulesUnderTheSectionAndEscapesAngleBrackets() {
        assertThat(doc)
                .contains(
                        "## spec.schedule\n\nWhen it runs. Must satisfy `has(self.start)`;"
                                + " otherwise rejected with \"start is required\". Must satisfy"
                                + " `!has(self.windows) \\|\\| has(self.start)`; otherwise"
                                + " rejected with \"needs a start for its windows\" (on"
                                + " `start`).\n\n");
        assertThat(row("start")).contains("Start time, e.g. \\<hh:mm>.");
    }

    @Test
    void linksEmbeddedKubernetesTypesInsteadOfExpandingThem() {
        assertThat(row("affinity"))
                .startsWith("| `affinity` | [Affinity](https://k8s.example/affinity) |");
        assertThat(doc).doesNotContain("nodeAffinity");
    }

    @Test
    void sameInputGivesTheSameText() {
        assertThat(CrdReferenceDoc.render(NAMES, SCHEMA, EMBEDDED)).isEqualTo(doc);
    }

    @Test
    void refusesTwoSectionsWithTheSameAnchor() {
        JsonNode clashing =
                yaml(
                        """
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              a.b: {type: object, properties: {x: {type: string}}}
                              ab: {type: object, properties: {x: {type: string}}}
                        """);

        assertThatThrownBy(() -> CrdReferenceDoc.render(NAMES, clashing, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spec.ab");
    }

    private String row(String field) {
        return doc.lines()
                .filter(line -> line.startsWith("| `" + field + "` |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + field + " in\n" + doc));
    }

    private static List<String> headings(String markdown) {
        return markdown.lines()
                .filter(line -> line.startsWith("## "))
                .map(line -> line.substring(3))
                .toList();
    }

    private static JsonNode yaml(String text) {
        try {
            return Serialization.yamlMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
