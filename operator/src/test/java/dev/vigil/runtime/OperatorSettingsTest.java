package dev.vigil.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deprecated {@link OperatorSettings#serverSideApply()}: true for every setting the operator
 * runs with; false only for {@link OperatorSettings#forTests()}, whose mock API server has no
 * server-side apply. Goes with the method.
 */
@SuppressWarnings("removal")
class OperatorSettingsTest {

    @Test
    void resolvedSettingsAlwaysApplyServerSide() {
        OperatorSettingsResolver resolver =
                new OperatorSettingsResolver(
                        Map.of("VIGIL_SERVER_SIDE_APPLY", "false"),
                        Path.of("/nonexistent/namespace"));

        assertThat(resolver.resolve(Map.of()).serverSideApply()).isTrue();
    }

    @Test
    void onlyTheSettingsForTestsLeaveItOff() {
        OperatorSettings forTests = OperatorSettings.forTests();
        OperatorSettings equalButNotForTests =
                new OperatorSettings(
                        forTests.watchedNamespaces(),
                        forTests.reconcileConcurrency(),
                        forTests.leaderElection(),
                        forTests.leaseName(),
                        forTests.leaseNamespace(),
                        forTests.httpPort(),
                        forTests.httpAddress(),
                        forTests.logFormat(),
                        forTests.clusterDomain(),
                        forTests.network());

        assertThat(forTests.serverSideApply()).isFalse();
        assertThat(equalButNotForTests.serverSideApply()).isTrue();
    }
}
