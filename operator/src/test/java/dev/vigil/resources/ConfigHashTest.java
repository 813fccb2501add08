package dev.vigil.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigHashTest {

    @Test
    void isTheHexSha256OfTheContent() {
        assertThat(ConfigHash.of(Map.of("mongod.conf", "net: {}\n")))
                .hasSize(64)
                .matches("[0-9a-f]{64}");
    }

    @Test
    void changesWhenAnyFileChanges() {
        String before = ConfigHash.of(Map.of("mongod.conf", "replSetName: rs0\n"));
        String after = ConfigHash.of(Map.of("mongod.conf", "replSetName: rs1\n"));
        String renamed = ConfigHash.of(Map.of("other.conf", "replSetName: rs0\n"));

        assertThat(after).isNotEqualTo(before);
        assertThat(renamed).isNotEqualTo(before);
    }

    @Test
    void doesNotDependOnTheMapsIterationOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");

        assertThat(ConfigHash.of(ab)).isEqualTo(ConfigHash.of(ba));
    }

    @Test
    void movingTextBetweenNameAndValueChangesTheHash() {
        assertThat(ConfigHash.of(Map.of("ab", "c"))).isNotEqualTo(ConfigHash.of(Map.of("a", "bc")));
    }
}
