package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replacesListsInsteadOfAppendingToThem() throws Exception {
        JsonNode target = JSON.readTree("{\"spec\":{\"list\":[1,2,3],\"keep\":true}}");
        JsonNode patch = JSON.readTree("{\"spec\":{\"list\":[4]}}");

        assertThat(MergePatch.apply(target, patch))
                .isEqualTo(JSON.readTree("{\"spec\":{\"list\":[4],\"keep\":true}}"));
    }

    @Test
    void nullRemovesAKey() throws Exception {
        JsonNode target = JSON.readTree("{\"a\":\"b\",\"c\":{\"d\":1,\"e\":2}}");
        JsonNode patch = JSON.readTree("{\"a\":null,\"c\":{\"d\":null}}");

        assertThat(MergePatch.apply(target, patch)).isEqualTo(JSON.readTree("{\"c\":{\"e\":2}}"));
    }

    @Test
    void followsTheExamplesOfRfc7386() throws Exception {
        JsonNode target =
                JSON.readTree(
                        "{\"title\":\"Goodbye!\",\"author\":{\"givenName\":\"John\",\"familyName\":\"Doe\"},\"tags\":[\"example\",\"sample\"],\"content\":\"This"
                            + " will be unchanged\"}");
        JsonNode patch =
                JSON.readTree(
                        "{\"title\":\"Hello!\",\"phoneNumber\":\"+01-123-456-7890\","
                                + "\"author\":{\"familyName\":null},\"tags\":[\"example\"]}");

        assertThat(MergePatch.apply(target, patch))
                .isEqualTo(
                        JSON.readTree(
                                "{\"title\":\"Hello!\",\"author\":{\"givenName\":\"John\"},\"tags\":[\"example\"],\"content\":\"This"
                                    + " will be unchanged\","
                                    + "\"phoneNumber\":\"+01-123-456-7890\"}"));
        assertThat(target.path("title").asText()).isEqualTo("Goodbye!");
    }
}
