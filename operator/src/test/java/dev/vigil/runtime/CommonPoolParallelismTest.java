package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommonPoolParallelismTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(CommonPoolParallelism.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(CommonPoolParallelism.PROPERTY);
        } else {
            System.setProperty(CommonPoolParallelism.PROPERTY, saved);
        }
    }

    @Test
    void anUnsetParallelismBecomesAtLeastTwo() {
        System.clearProperty(CommonPoolParallelism.PROPERTY);

        CommonPoolParallelism.atLeastTwo();

        assertThat(Integer.parseInt(System.getProperty(CommonPoolParallelism.PROPERTY)))
                .isGreaterThanOrEqualTo(2)
                .isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors() - 1);
    }

    @Test
    void aParallelismTheUserSetIsKept() {
        System.setProperty(CommonPoolParallelism.PROPERTY, "7");

        CommonPoolParallelism.atLeastTwo();

        assertThat(System.getProperty(CommonPoolParallelism.PROPERTY)).isEqualTo("7");
    }
}
