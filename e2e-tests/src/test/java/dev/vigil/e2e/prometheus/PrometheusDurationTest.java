package dev.vigil.e2e.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusDurationTest {

    @Test
    void readsPrometheusDurations() {
        assertThat(PrometheusDuration.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(PrometheusDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PrometheusDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(PrometheusDuration.parse("1d2h")).isEqualTo(Duration.ofHours(26));
        assertThat(PrometheusDuration.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesWhatPrometheusRefuses() {
        for (String text : new String[] {"", "30", "1.5h", "30s1m", "half a minute"}) {
            assertThatThrownBy(() -> PrometheusDuration.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(text);
        }
    }

    @Test
    void writesTheShortestForm() {
        assertThat(PrometheusDuration.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(PrometheusDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(PrometheusDuration.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(PrometheusDuration.format(Duration.ofHours(26))).isEqualTo("26h");
    }
}
