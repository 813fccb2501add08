package dev.vigil.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.gitops.ArgoCdHealthCheck.Health;
import dev.vigil.status.Phase;
import dev.vigil.status.Reason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Vigil's Argo CD health checks ({@code docs/gitops/argocd-health-*.lua}) run in Argo CD's own Lua
 * runtime (gopher-lua, Lua 5.1, the libraries Argo CD opens: {@link ArgoCdLuaRuntime}) against
 * resources as Argo CD sees them, for every phase and condition Vigil writes.
 */
class ArgoCdHealthCheckTest {

    private static final String HEALTHY = "Healthy";
    private static final String PROGRESSING = "Progressing";
    private static final String DEGRADED = "Degraded";

    @Nested
    class MonitoredDatabaseHealth {

        private final ArgoCdHealthCheck check =
                ArgoCdHealthCheck.load("argocd-health-monitoreddatabase.lua");

        /** A database at generation 2 whose status describes generation 2. */
        private String database(String phase, String ready, String readyMessage, String degraded) {
            return database(2, 2, phase, ready, readyMessage, degraded, 2);
        }

        private String database(
                long generation,
                long observedGeneration,
                String phase,
                String ready,
                String readyMessage,
                String degraded,
                long conditionGeneration) {
            return """
            apiVersion: vigil.dev/v1alpha1
            kind: MonitoredDatabase
            metadata: {name: catalog, namespace: shop, generation: %d}
            spec: {engine: MongoDB, version: "7.0.14", replicas: 3}
            status:
              observedGeneration: %d
              phase: %s
              conditions:
              - {type: Ready, status: "%s", reason: R, message: "%s", observedGeneration: %d}
              - {type: Progressing, status: "False", reason: Converged, message: "", observedGeneration: %d}
              - {type: Degraded, status: "%s", reason: D, message: "degraded detail", observedGeneration: %d}
            """
                    .formatted(
                            generation,
                            observedGeneration,
                            phase,
                            ready,
                            readyMessage,
                            conditionGeneration,
                            conditionGeneration,
                            degraded,
                            conditionGeneration);
        }

        @Test
        void readyAndCurrentIsHealthyWithTheReadyMessage() {
            assertThat(check.assess(database("Ready", "True", "3/3 members healthy", "False")))
                    .isEqualTo(new Health(HEALTHY, "3/3 members healthy"));
        }

        @ParameterizedTest
        @MethodSource("dev.vigil.gitops.ArgoCdHealthCheckTest#progressingPhases")
        void creatingUpdatingVerifyingAndRollingBackAreProgressing(String phase) {
            assertThat(check.assess(database(phase, "False", "1/3 pods ready", "False")))
                    .isEqualTo(new Health(PROGRESSING, "1/3 pods ready"));
        }

        @Test
        void aCanaryUnderWayIsProgressingAndNamesItsStep() {
            String canary =
                    database("Updating", "False", "waiting for step 2/3", "False")
                            + """
                              rollout: {generation: 2, state: Verifying, canary: {step: 2, position: "2/3 (2 members)"}}
                            """;

            assertThat(check.assess(canary))
                    .isEqualTo(
                            new Health(
                                    PROGRESSING,
                                    "Canary step 2/3 (2 members): waiting for step 2/3"));
        }

        @ParameterizedTest
        @MethodSource("dev.vigil.gitops.ArgoCdHealthCheckTest#degradedPhases")
        void failedAndRefusedPhasesAreDegraded(String phase) {
            assertThat(
                            check.assess(
                                    database(
                                            phase, "False", "spec.replicas: must be odd", "False")))
                    .isEqualTo(new Health(DEGRADED, "spec.replicas: must be odd"));
        }

        /** A phase added to {@link Phase} must be classified by the check, never fall through. */
        @ParameterizedTest
        @EnumSource(Phase.class)
        void everyPhaseVigilWritesHasADeliberateHealth(Phase phase) {
            String expected =
                    switch (phase) {
                        case Ready -> HEALTHY;
                        case Creating, Updating, Verifying, RollingBack -> PROGRESSING;
                        case Degraded, Invalid, RolledBack, Blocked, Failed -> DEGRADED;
                    };
            String ready = phase == Phase.Ready ? "True" : "False";
            assertThat(check.assess(database(phase.name(), ready, "m", "False")).status())
                    .isEqualTo(expected);
        }

        @Test
        void aDegradedConditionIsDegradedEvenWhenReadyHolds() {
            assertThat(check.assess(database("Ready", "True", "serving", "True")))
                    .isEqualTo(new Health(DEGRADED, "serving"));
        }

        @Test
        void theDegradedMessageStandsInForAnEmptyReadyMessage() {
            assertThat(check.assess(database("Degraded", "False", "", "True")))
                    .isEqualTo(new Health(DEGRADED, "degraded detail"));
        }

        @Test
        void noStatusIsProgressing() {
            Health health =
                    check.assess(
                            """
                            apiVersion: vigil.dev/v1alpha1
                            kind: MonitoredDatabase
                            metadata: {name: catalog, namespace: shop, generation: 1}
                            spec: {engine: MongoDB, version: "7.0.14"}
                            """);
            assertThat(health)
                    .isEqualTo(new Health(PROGRESSING, "Waiting for Vigil to report the status"));
        }

        @Test
        void aStatusWithoutObservedGenerationOrConditionsIsProgressing() {
            Health health =
                    check.assess(
                            """
                            metadata: {name: catalog, namespace: shop, generation: 1}
                            status: {phase: Creating}
                            """);
            assertThat(health)
                    .isEqualTo(
                            new Health(PROGRESSING, "Waiting for Vigil to observe generation 1"));
        }

        @Test
        void aReadyStatusOfAnOlderGenerationIsProgressing() {
            assertThat(check.assess(database(3, 2, "Ready", "True", "3/3 healthy", "False", 2)))
                    .isEqualTo(
                            new Health(
                                    PROGRESSING,
                                    "Waiting for Vigil to observe generation 3"
                                            + " (status describes generation 2)"));
        }

        @Test
        void aDegradedPhaseOfAnOlderGenerationIsProgressing() {
            // The user pushed a fix for an invalid spec; Vigil has not looked at it yet.
            assertThat(check.assess(database(3, 2, "Invalid", "False", "bad", "False", 2)).status())
                    .isEqualTo(PROGRESSING);
        }

        @Test
        void aFailedPassOnTheCurrentGenerationIsDegradedThoughObservedGenerationLags() {
            // DatabaseStatusBuilder.failed keeps status.observedGeneration and stamps the
            // conditions with the generation it failed on.
            assertThat(
                            check.assess(
                                    database(
                                            3,
                                            2,
                                            "Degraded",
                                            "False",
                                            "the API server refused the StatefulSet",
                                            "True",
                                            3)))
                    .isEqualTo(new Health(DEGRADED, "the API server refused the StatefulSet"));
        }

        @Test
        void aStatusAheadOfTheCachedGenerationIsNotStale() {
            assertThat(check.assess(database(2, 3, "Ready", "True", "ok", "False", 3)).status())
                    .isEqualTo(HEALTHY);
        }

        @Test
        void notReadyInAnUnknownPhaseIsProgressingWithTheReadyMessage() {
            assertThat(check.assess(database("Ready", "Unknown", "probing", "False")))
                    .isEqualTo(new Health(PROGRESSING, "probing"));
        }

        @Test
        void theStatusVigilWritesForAnInvalidSpecIsDegraded() {
            Health health =
                    check.assess(
                            """
                            metadata: {name: catalog, namespace: shop, generation: 4}
                            status:
                              observedGeneration: 4
                              phase: Invalid
                              conditions:
                              - type: Ready
                                status: "False"
                                reason: %s
                                message: "spec.version: must match ^[0-9]+(\\\\.[0-9]+){0,2}$"
                                observedGeneration: 4
                              - {type: Degraded, status: "False", reason: Healthy, message: "", observedGeneration: 4}
                            """
                                    .formatted(Reason.INVALID_SPEC));
            assertThat(health)
                    .isEqualTo(
                            new Health(
                                    DEGRADED, "spec.version: must match ^[0-9]+(\\.[0-9]+){0,2}$"));
        }
    }

    @Nested
    class AlertPolicyHealth {

        private final ArgoCdHealthCheck check =
                ArgoCdHealthCheck.load("argocd-health-alertpolicy.lua");

        private String policy(String ready, String reason, String message, String rejected) {
            return """
            apiVersion: vigil.dev/v1alpha1
            kind: AlertPolicy
            metadata: {name: oncall, namespace: shop, generation: 1}
            spec: {selector: {matchLabels: {tier: critical}}}
            status:
              observedGeneration: 1
              matchedDatabases: [catalog]
              rejectedRules: %s
              conditions:
              - {type: Ready, status: "%s", reason: %s, message: "%s", observedGeneration: 1}
            """
                    .formatted(rejected, ready, reason, message);
        }

        @Test
        void readyIsHealthy() {
            assertThat(check.assess(policy("True", "Applied", "applies to 1 database(s)", "[]")))
                    .isEqualTo(new Health(HEALTHY, "applies to 1 database(s)"));
        }

        @Test
        void anInvalidSpecIsDegradedAndSaysSo() {
            assertThat(
                            check.assess(
                                    policy(
                                            "False",
                                            Reason.INVALID_SPEC,
                                            "spec.rules[0].expr: unexpected end of input",
                                            "[]")))
                    .isEqualTo(
                            new Health(
                                    DEGRADED,
                                    "Invalid spec: spec.rules[0].expr: unexpected end of input"));
        }

        @Test
        void rejectedRulesAreDegradedAndNamedWithTheirReasons() {
            Health health =
                    check.assess(
                            policy(
                                    "False",
                                    "RulesRejected",
                                    "2 rule(s) rejected; see status.rejectedRules",
                                    """
                                    [{rule: NoSuchAlert, reason: "no default alert of that name"}, \
                                    {rule: MongoDBReplicationLagHigh, reason: "overridden by policy pager"}]\
                                    """));
            assertThat(health)
                    .isEqualTo(
                            new Health(
                                    DEGRADED,
                                    "Rules rejected: NoSuchAlert (no default alert of that name);"
                                            + " MongoDBReplicationLagHigh (overridden by policy"
                                            + " pager)"));
        }

        @Test
        void rulesRejectedWithoutTheListFallsBackToTheConditionMessage() {
            assertThat(check.assess(policy("False", "RulesRejected", "1 rule(s) rejected", "[]")))
                    .isEqualTo(new Health(DEGRADED, "Rules rejected: 1 rule(s) rejected"));
        }

        @Test
        void noStatusIsProgressing() {
            Health health =
                    check.assess(
                            """
                            apiVersion: vigil.dev/v1alpha1
                            kind: AlertPolicy
                            metadata: {name: oncall, namespace: shop, generation: 1}
                            spec: {selector: {matchLabels: {tier: critical}}}
                            """);
            assertThat(health)
                    .isEqualTo(new Health(PROGRESSING, "Waiting for Vigil to evaluate the policy"));
        }

        @Test
        void aStatusOfAnOlderGenerationIsProgressing() {
            String resource =
                    policy("True", "Applied", "applies to 1 database(s)", "[]")
                            .replace("generation: 1}", "generation: 2}");
            assertThat(check.assess(resource))
                    .isEqualTo(
                            new Health(PROGRESSING, "Waiting for Vigil to evaluate generation 2"));
        }
    }

    static Stream<Arguments> progressingPhases() {
        return Stream.of("Pending", "Creating", "Updating", "Verifying", "RollingBack")
                .map(Arguments::of);
    }

    static Stream<Arguments> degradedPhases() {
        return Stream.of("RolledBack", "Failed", "Blocked", "Invalid", "Degraded")
                .map(Arguments::of);
    }
}
