package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelListTest {

    @Test
    void pairsKeepTheirOrderAndLoseTheirSpaces() {
        assertThat(LabelList.parse(" app.kubernetes.io/name = vigil ,tier=,k8s-app=kube-dns"))
                .containsExactly(
                        Map.entry("app.kubernetes.io/name", "vigil"),
                        Map.entry("tier", ""),
                        Map.entry("k8s-app", "kube-dns"));
    }

    @Test
    void keysFollowTheApiServersRules() {
        assertThat(LabelList.parse("example.com/Tier_1.a=x")).containsKey("example.com/Tier_1.a");
        assertThatThrownBy(() -> LabelList.parse("Example.com/a=x"))
                .hasMessageContaining("'Example.com/a' is not a label key");
        assertThatThrownBy(() -> LabelList.parse("a" + "b".repeat(63) + "=x"))
                .hasMessageContaining("is not a label key");
        assertThatThrownBy(() -> LabelList.parse("=x"))
                .hasMessageContaining("'' is not a label key");
    }

    @Test
    void valuesFollowTheApiServersRules() {
        assertThatThrownBy(() -> LabelList.parse("app=-vigil"))
                .hasMessageContaining("'-vigil' is not a label value");
        assertThatThrownBy(() -> LabelList.parse("app=" + "v".repeat(64)))
                .hasMessageContaining("is not a label value");
    }

    @Test
    void nothingToSelectIsRefused() {
        assertThatThrownBy(() -> LabelList.parse(",,"))
                .hasMessageContaining("at least one key=value label");
    }
}
