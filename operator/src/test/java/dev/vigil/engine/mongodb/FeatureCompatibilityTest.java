package dev.vigil.engine.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeatureCompatibilityTest {

    @Test
    void aBinarySetsItsMajorMinor() {
        assertThat(FeatureCompatibility.MONGODB.of("7.0.14")).isEqualTo("7.0");
        assertThat(FeatureCompatibility.MONGODB.of("8")).isEqualTo("8.0");
        assertThat(FeatureCompatibility.MONGODB.of("5.0")).isEqualTo("5.0");
    }

    @Test
    void versionsCompareAsNumbers() {
        assertThat(FeatureCompatibility.ORDER.compare("10.0", "9.0")).isPositive();
        assertThat(FeatureCompatibility.ORDER.compare("7.0", "7.0")).isZero();
        assertThat(FeatureCompatibility.ORDER.compare("6.0", "7.0")).isNegative();
    }

    @Test
    void aBinaryCannotRunDataOfANewerFcv() {
        assertThat(FeatureCompatibility.MONGODB.tooNewFor("7.0", "6.0.15"))
                .hasValue("featureCompatibilityVersion 7.0 is newer than 6.0");
        assertThat(FeatureCompatibility.MONGODB.tooNewFor("6.0", "7.0.14")).isEmpty();
        assertThat(FeatureCompatibility.MONGODB.tooNewFor("7.0", "7.0.2")).isEmpty();
    }

    @Test
    void anFcvChangeUnderWayCountsAsItsHigherVersion() {
        assertThat(new FeatureCompatibilityVersion("6.0", Optional.of("7.0")).effective())
                .isEqualTo("7.0");
        assertThat(new FeatureCompatibilityVersion("7.0", Optional.of("6.0")).effective())
                .isEqualTo("7.0");
        assertThat(new FeatureCompatibilityVersion("7.0", Optional.empty()).effective())
                .isEqualTo("7.0");
    }
}
