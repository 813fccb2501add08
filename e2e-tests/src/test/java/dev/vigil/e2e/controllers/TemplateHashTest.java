package dev.vigil.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

    @Test
    void equalTemplatesHashTheSameWhateverTheOrderOfTheirLabels() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");

        assertThat(TemplateHash.of(template(ab, "postgres:16")))
                .isEqualTo(TemplateHash.of(template(ba, "postgres:16")));
    }

    @Test
    void emptyFieldsDoNotChangeTheHash() {
        PodTemplateSpec bare = template(Map.of("a", "1"), "postgres:16");
        PodTemplateSpec withEmpties = template(Map.of("a", "1"), "postgres:16");
        withEmpties.getMetadata().setAnnotations(Map.of());
        withEmpties.getSpec().getContainers().get(0).setEnv(java.util.List.of());

        assertThat(TemplateHash.of(withEmpties)).isEqualTo(TemplateHash.of(bare));
    }

    @Test
    void aDifferentImageGivesADifferentHash() {
        assertThat(TemplateHash.of(template(Map.of("a", "1"), "postgres:16")))
                .isNotEqualTo(TemplateHash.of(template(Map.of("a", "1"), "postgres:17")));
    }

    @Test
    void theHashIsAtMostTenSafeCharacters() {
        String hash = TemplateHash.of(template(Map.of("a", "1"), "postgres:16"));

        assertThat(hash).hasSizeBetween(1, 10);
        assertThat(hash.chars()).allMatch(c -> TemplateHash.SAFE_ALPHABET.indexOf(c) >= 0);
    }

    @Test
    void fnvAndTheSafeEncodingMatchTheGoImplementations() {
        // FNV-1a 32 of "a" is 0xe40c292c; SafeEncodeString maps each byte modulo 27.
        assertThat(Integer.toHexString(TemplateHash.fnv32a("a"))).isEqualTo("e40c292c");
        assertThat(TemplateHash.safeEncode("0123")).isEqualTo("4567");
    }

    private static PodTemplateSpec template(Map<String, String> labels, String image) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("db")
                .withImage(image)
                .endContainer()
                .endSpec()
                .build();
    }
}
