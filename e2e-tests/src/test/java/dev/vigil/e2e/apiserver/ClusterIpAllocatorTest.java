package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterIpAllocatorTest {

    @Test
    void handsOutTheLowestFreeAddressOfTheRange() {
        ClusterIpAllocator allocator = new ClusterIpAllocator("127.20.0.0/16");

        assertThat(allocator.allocate(Set.of())).isEqualTo("127.20.0.1");
        assertThat(allocator.allocate(Set.of("127.20.0.1", "127.20.0.2"))).isEqualTo("127.20.0.3");
        assertThat(allocator.contains("127.20.255.7")).isTrue();
        assertThat(allocator.contains("127.21.0.1")).isFalse();
    }

    @Test
    void aFullRangeIsRefused() {
        ClusterIpAllocator allocator = new ClusterIpAllocator("10.0.0.0/30");

        assertThat(allocator.allocate(Set.of("10.0.0.1"))).isEqualTo("10.0.0.2");
        assertThatThrownBy(() -> allocator.allocate(Set.of("10.0.0.1", "10.0.0.2")))
                .isInstanceOf(ApiError.class);
    }
}
