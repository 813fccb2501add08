package dev.vigil.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

    @Test
    void parsesAndPrintsPostgresTextForm() {
        Lsn lsn = Lsn.parse("16/B374D848");

        assertThat(lsn.value()).isEqualTo(0x16_B374_D848L);
        assertThat(lsn).hasToString("16/B374D848");
        assertThat(Lsn.parse("0/0")).hasToString("0/0");
    }

    @Test
    void comparesAsUnsignedPositionsAndSubtractsToBytes() {
        Lsn low = Lsn.parse("0/3000148");
        Lsn high = Lsn.parse("FFFFFFFF/0");

        assertThat(high).isGreaterThan(low);
        assertThat(Lsn.parse("0/3000200").bytesAfter(low)).isEqualTo(0xB8);
        assertThat(low.bytesAfter(Lsn.parse("0/3000200"))).isZero();
    }

    @Test
    void refusesWhatIsNotAnLsn() {
        assertThatThrownBy(() -> Lsn.parse("3000148")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("0/xyz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("100000000/0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
