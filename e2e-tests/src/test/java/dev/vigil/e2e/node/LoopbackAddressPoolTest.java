package dev.vigil.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackAddressPoolTest {

    @Test
    void handsOutDistinctAddressesOfTheBlockWithoutNetworkOrBroadcast() {
        LoopbackAddressPool pool = new LoopbackAddressPool("127.10.0.0/29");
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            addresses.add(pool.allocate());
        }

        assertThat(addresses)
                .containsExactlyInAnyOrder(
                        "127.10.0.1",
                        "127.10.0.2",
                        "127.10.0.3",
                        "127.10.0.4",
                        "127.10.0.5",
                        "127.10.0.6");
        assertThatThrownBy(pool::allocate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.10.0.0/29");
    }

    @Test
    void aReleasedAddressComesBackOnlyAfterTheOthers() {
        LoopbackAddressPool pool = new LoopbackAddressPool("127.10.0.0/29");
        String first = pool.allocate();
        pool.release(first);

        assertThat(pool.inUse(first)).isFalse();
        assertThat(pool.allocate()).isNotEqualTo(first);
        for (int i = 0; i < 4; i++) {
            pool.allocate();
        }
        assertThat(pool.allocate()).isEqualTo(first);
    }

    @Test
    void refusesBlocksOutsideLoopback() {
        assertThatThrownBy(() -> new LoopbackAddressPool("10.0.0.0/16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.0/8");
        assertThatThrownBy(() -> new LoopbackAddressPool("127.10.0.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
