package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackOffTest {

    private final RestartBackOff backOff =
            new RestartBackOff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(backOff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backOff.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backOff.delay(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backOff.delay(40)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void forgetsFailuresAfterTwiceTheMaximum() {
        assertThat(backOff.resetAfter()).isEqualTo(Duration.ofSeconds(16));
    }
}
