package dev.vigil.cli;

import static dev.vigil.cli.CelRuleCases.EXTERNAL;
import static dev.vigil.cli.CelRuleCases.database;
import static dev.vigil.cli.CelRuleCases.externalMongo;
import static dev.vigil.cli.CelRuleCases.mongo;
import static dev.vigil.cli.CelRuleCases.policy;
import static dev.vigil.cli.CelRuleCases.postgres;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.api.v1alpha1.ValidationMessages;
import dev.vigil.testing.kube.Crds;
import dev.vigil.testing.kube.RealApiServer;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs of {@code crds/} on a real kube-apiserver and etcd ({@link RealApiServer}): the server
 * takes them (their CEL rules compile and fit the cost budget), accepts every example, and refuses
 * each {@link CelRuleCases} case with exactly the fields and reasons {@code vigil validate} gives.
 */
class ApiServerValidationTest {

    private static final String NAMESPACE = "cel";

    /** "Invalid value: \"object\": ", "Required value: ", "Forbidden: " before a rule's message. */
    private static final Pattern CAUSE_PREFIX =
            Pattern.compile("^(Invalid value: (\"[^\"]*\"|[^ ]*): |Required value: |Forbidden: )");

    @TempDir static Path workDir;

    private static RealApiServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void startTheServerWithTheCrds() throws IOException {
        server = RealApiServer.start(workDir);
        client = server.client();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("vigil.crds.committed")))) {
            List<Path> crds = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
            assertThat(crds).hasSize(2);
            for (Path file : crds) {
                Crds.install(client, Crds.load(client, file));
            }
        }
        server.ensureNamespace(NAMESPACE);
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    static List<CelRuleCases.Case> cases() {
        return CelRuleCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theServerRefusesWhatVigilValidateRefusesWithTheSameFieldAndReason(CelRuleCases.Case rule) {
        KubernetesClientException refusal =
                catchThrowableOfType(
                        KubernetesClientException.class, () -> create(rule.resource()));

        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.getCode()).isEqualTo(422);
        List<FieldError> serverErrors =
                refusal.getStatus().getDetails().getCauses().stream()
                        .map(ApiServerValidationTest::fieldError)
                        .toList();
        assertThat(serverErrors).containsExactlyInAnyOrderElementsOf(rule.errors());
        assertThat(serverErrors)
                .containsExactlyInAnyOrderElementsOf(
                        CelRulesOfflineTest.offlineErrors(rule.document()));
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(ValidateCommandTest.EXAMPLES)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theServerAcceptsEveryExample(Path example) throws IOException {
        List<HasMetadata> resources;
        try (InputStream in = Files.newInputStream(example)) {
            resources = client.load(in).items();
        }
        assertThat(resources)
                .as("a resource of Vigil's in " + example)
                .anyMatch(r -> r.getApiVersion().startsWith("vigil.dev/"));
        for (HasMetadata resource : resources) {
            String namespace = resource.getMetadata().getNamespace();
            if (namespace == null) {
                namespace = "examples";
            }
            server.ensureNamespace(namespace);
            assertThat(client.resource(resource).inNamespace(namespace).create())
                    .as(
                            example
                                    + ": "
                                    + resource.getKind()
                                    + "/"
                                    + resource.getMetadata().getName())
                    .isNotNull();
        }
    }

    @Test
    void externalModeAcceptsTheReplicasTheServerDefaults() {
        GenericKubernetesResource unset = create(externalMongo("").replace("catalog", "unset"));
        GenericKubernetesResource one =
                create(externalMongo("replicas: 1").replace("catalog", "one"));

        // The server stored replicas: 1 for the database that left it out, and the rule let it.
        assertThat(unset.get("spec", "replicas").toString()).isEqualTo("1");
        assertThat(one.get("spec", "replicas").toString()).isEqualTo("1");
    }

    @Test
    void theServerAcceptsWhatTheRulesAllow() {
        List<String> valid =
                List.of(
                        database(
                                "a234567890123456789012345678901234567890123456789012",
                                "engine: MongoDB, version: '7.0.14'"),
                        mongo("tls: {enabled: true, secretName: catalog-tls}"),
                        mongo("tls: {enabled: true, issuer: {name: internal-ca}}"),
                        mongo("tls: {enabled: false, secretName: a, issuer: {name: b}}"),
                        mongo("exporter: {port: 5432}"),
                        mongo("monitoring: {interval: 1m, scrapeTimeout: 1m}"),
                        mongo("network: {allowedClients: [{namespaceSelector: {}}]}"),
                        mongo(
                                "healthGate: {prometheusUrl: 'http://prometheus:9090', analysis:"
                                        + " [{name: errors, query: 'vector(0)', successCondition:"
                                        + " 'result < 1'}]}"),
                        database("engine: MongoDB, version: '5.0'"),
                        database("engine: PostgreSQL, version: '14'"),
                        database("engine: PostgreSQL, version: '9.6', " + EXTERNAL),
                        mongo(
                                "mode: External, external: {uriSecret: {name: catalog-uri, key:"
                                        + " uri}, credentialsSecretName: catalog-monitor},"
                                        + " exporter: {enabled: true, port: 27017}"),
                        policy("{names: [catalog]}"),
                        policy("{matchLabels: {team: shop}}"));
        for (int i = 0; i < valid.size(); i++) {
            // A new name each, as the resources share one namespace; the long name keeps its own.
            String resource = valid.get(i).replaceFirst("name: catalog}", "name: valid-" + i + "}");
            resource = resource.replaceFirst("name: oncall}", "name: valid-" + i + "}");
            assertThat(create(resource)).as(resource).isNotNull();
            assertThat(CelRulesOfflineTest.offlineErrors(document(resource)))
                    .as(resource)
                    .isEmpty();
        }
    }

    @Test
    void theEngineAndTheModeAreImmutableOnTheServerAndAgainstThePreviousRevision() {
        String before = mongo("").replace("catalog", "fixed");
        create(before);

        Map<String, FieldError> changes =
                Map.of(
                        database("fixed", "engine: PostgreSQL, version: '16.4'"),
                        new FieldError("spec.engine", ValidationMessages.ENGINE_IMMUTABLE),
                        database("fixed", "engine: MongoDB, version: '7.0.14', " + EXTERNAL),
                        new FieldError("spec.mode", ValidationMessages.MODE_IMMUTABLE));
        for (Map.Entry<String, FieldError> change : changes.entrySet()) {
            String after = change.getKey();
            GenericKubernetesResource changed = resource(after);
            GenericKubernetesResource stored =
                    client.genericKubernetesResources("vigil.dev/v1alpha1", "MonitoredDatabase")
                            .inNamespace(NAMESPACE)
                            .withName("fixed")
                            .get();
            changed.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
            KubernetesClientException refusal =
                    catchThrowableOfType(
                            KubernetesClientException.class,
                            () -> client.resource(changed).inNamespace(NAMESPACE).update());

            assertThat(refusal).as(after).isNotNull();
            List<FieldError> serverErrors =
                    refusal.getStatus().getDetails().getCauses().stream()
                            .map(ApiServerValidationTest::fieldError)
                            .toList();
            List<FieldError> offline =
                    new ManifestValidator()
                                    .validate(
                                            List.of(document(after)),
                                            PreviousRevision.of(List.of(document(before))))
                                    .problems()
                                    .stream()
                                    .map(ManifestValidator.Problem::error)
                                    .toList();
            assertThat(serverErrors).containsExactly(change.getValue());
            assertThat(offline).containsExactly(change.getValue());
        }
    }

    @Test
    void bootstrapIsRefusedWhenAddedOrChangedOnTheServerAndAgainstThePreviousRevision() {
        String store = "store: {volume: {claimName: backups}}";
        String created =
                postgres("bootstrap: {backup: {" + store + ", database: {name: orders}}}")
                        .replace("catalog", "restored");
        String plain = postgres("").replace("catalog", "plain");
        create(created);
        create(plain);

        Map<String, String> changes =
                Map.of(
                        created.replace("name: orders}", "name: orders, namespace: old}"),
                        created,
                        plain.replace(
                                "version: '16.4'",
                                "version: '16.4', bootstrap: {backup: {"
                                        + store
                                        + ", database: {name: orders}}}"),
                        plain);
        FieldError immutable =
                new FieldError("spec.bootstrap", ValidationMessages.BOOTSTRAP_IMMUTABLE);
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String after = change.getKey();
            GenericKubernetesResource changed = resource(after);
            GenericKubernetesResource stored =
                    client.genericKubernetesResources("vigil.dev/v1alpha1", "MonitoredDatabase")
                            .inNamespace(NAMESPACE)
                            .withName(changed.getMetadata().getName())
                            .get();
            changed.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
            KubernetesClientException refusal =
                    catchThrowableOfType(
                            KubernetesClientException.class,
                            () -> client.resource(changed).inNamespace(NAMESPACE).update());

            assertThat(refusal).as(after).isNotNull();
            assertThat(
                            refusal.getStatus().getDetails().getCauses().stream()
                                    .map(ApiServerValidationTest::fieldError)
                                    .toList())
                    .containsExactly(immutable);
            assertThat(
                            new ManifestValidator()
                                            .validate(
                                                    List.of(document(after)),
                                                    PreviousRevision.of(
                                                            List.of(document(change.getValue()))))
                                            .problems()
                                            .stream()
                                            .map(ManifestValidator.Problem::error)
                                            .toList())
                    .containsExactly(immutable);
        }
        // Removing it, once the database runs, is allowed.
        GenericKubernetesResource removed =
                resource(
                        created.replace(
                                ", bootstrap: {backup: {" + store + ", database: {name: orders}}}",
                                ""));
        GenericKubernetesResource stored =
                client.genericKubernetesResources("vigil.dev/v1alpha1", "MonitoredDatabase")
                        .inNamespace(NAMESPACE)
                        .withName("restored")
                        .get();
        removed.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
        assertThat(client.resource(removed).inNamespace(NAMESPACE).update()).isNotNull();
    }

    private static GenericKubernetesResource create(String yaml) {
        return client.resource(resource(yaml)).inNamespace(NAMESPACE).create();
    }

    private static GenericKubernetesResource resource(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }

    private static ManifestDocument document(String yaml) {
        return new ManifestDocument(
                Path.of("resource.yaml"),
                0,
                Serialization.jsonMapper()
                        .valueToTree(Serialization.unmarshal(yaml, Object.class)));
    }

    /**
     * The server's cause as the field and the rule's message, the prefix of its kind removed. A
     * rule on the root has no field ({@code <nil>}): its message starts with the field it checks.
     */
    private static FieldError fieldError(StatusCause cause) {
        String message = CAUSE_PREFIX.matcher(cause.getMessage()).replaceFirst("");
        if ("<nil>".equals(cause.getField())
                && message.startsWith(ValidationMessages.METADATA_NAME)) {
            return new FieldError(
                    ValidationMessages.METADATA_NAME.trim(),
                    message.substring(ValidationMessages.METADATA_NAME.length()));
        }
        return new FieldError(cause.getField(), message);
    }
}
