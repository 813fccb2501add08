package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemberAddressTest {

    @Test
    void splitsHostAndPortAtTheLastColon() {
        assertThat(MemberAddress.parse("catalog-0.catalog-members.shop.svc:27018", 27017))
                .isEqualTo(new MemberAddress("catalog-0.catalog-members.shop.svc", 27018));
    }

    @Test
    void aNameWithoutAPortMeansTheEnginesDefaultPort() {
        assertThat(MemberAddress.parse("ledger-1.ledger-members", 5432))
                .isEqualTo(new MemberAddress("ledger-1.ledger-members", 5432));
    }

    @Test
    void anEmptyHostOrAPortThatIsNoNumberIsRefused() {
        assertThatThrownBy(() -> MemberAddress.parse(":5432", 5432))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no host");
        assertThatThrownBy(() -> MemberAddress.parse("ledger-0:postgres", 5432))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid port");
    }
}
