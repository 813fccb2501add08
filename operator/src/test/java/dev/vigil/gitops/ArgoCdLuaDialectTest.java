package dev.vigil.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.gitops.ArgoCdHealthCheck.CheckFailed;
import dev.vigil.gitops.ArgoCdHealthCheck.Health;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The runtime the health checks are tested in is Argo CD's, not any Lua: Lua 5.1 as gopher-lua
 * implements it, with only the libraries Argo CD opens for a check from argocd-cm. Each case is a
 * small fixture (src/test/resources/gitops), not a shipped check; several would pass in LuaJ.
 */
class ArgoCdLuaDialectTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "gitops");
    private static final String DATABASE =
            "{kind: MonitoredDatabase, metadata: {generation: 1}, spec: {replicas: 3}}";

    private static Health assess(String fixture, boolean useOpenLibs) {
        return ArgoCdHealthCheck.of(FIXTURES.resolve(fixture), useOpenLibs).assess(DATABASE);
    }

    @Test
    void lua52sTableUnpackFailsAsInArgoCd() {
        assertThatThrownBy(() -> assess("table-unpack.lua", false))
                .isInstanceOf(CheckFailed.class)
                .hasMessageContaining("attempt to call a non-function object");
        // Not even with every library open: the function is not in 5.1's table library.
        assertThatThrownBy(() -> assess("table-unpack.lua", true)).isInstanceOf(CheckFailed.class);
    }

    @Test
    void lua51sGlobalUnpackRuns() {
        assertThat(assess("unpack.lua", false)).isEqualTo(new Health("Healthy", "unpacked"));
    }

    @Test
    void theStringLibraryIsClosedUnlessUseOpenLibsIsSet() {
        assertThatThrownBy(() -> assess("string-format.lua", false))
                .isInstanceOf(CheckFailed.class)
                .hasMessageContaining("attempt to index a non-table object(nil) with key 'format'");
        assertThat(assess("string-format.lua", true)).isEqualTo(new Health("Healthy", "3 members"));
    }

    @Test
    void osHasOnlyTimeAndDate() {
        assertThat(assess("os-functions.lua", false))
                .isEqualTo(new Health("Healthy", "number function nil nil"));
        assertThat(assess("os-functions.lua", true))
                .as("Argo CD replaces os with its reduced one even with useOpenLibs")
                .isEqualTo(new Health("Healthy", "number function nil nil"));
    }

    @Test
    void gotoRunsSinceGopherLua110() {
        assertThat(assess("goto.lua", false)).isEqualTo(new Health("Degraded", "jumped"));
    }

    @Test
    void aStatusArgoCdDoesNotKnowBecomesUnknown() {
        assertThat(assess("invalid-status.lua", false))
                .isEqualTo(new Health("Unknown", "Lua returned an invalid health status"));
    }
}
