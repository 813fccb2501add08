package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.SchemaDefaults;
import dev.vigil.monitoring.MonitoringContext;
import dev.vigil.testing.fuzz.CrdSchema;
import dev.vigil.testing.fuzz.FuzzFigures;
import dev.vigil.testing.fuzz.FuzzTries;
import dev.vigil.testing.fuzz.MonitoredDatabaseDocuments;
import dev.vigil.testing.fuzz.MutatedDocuments;
import dev.vigil.testing.fuzz.MutatedDocuments.Mutated;
import dev.vigil.testing.kube.SharedApiServer;
import dev.vigil.testing.kube.TemporaryCrds;
import dev.vigil.validation.CrdSchemaValidator;
import dev.vigil.validation.FieldError;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzed MonitoredDatabases on the real API server ({@link SharedApiServer}, with
 * prometheus-operator's CRDs): the server's CRD schema accepts the resource exactly when {@code
 * vigil validate} finds no problem the schema or its CEL rules hold (Vigil's own rules, a cron's
 * syntax say, are the operator's to refuse); every object {@code vigil render} makes of an accepted
 * one passes a server-side apply dry run ({@code dryRun=All}) in a namespace that enforces the
 * restricted Pod Security Standard; and a pod of each workload's template, as its controller would
 * create it, passes a dry-run create there, where Pod Security admission judges it.
 */
class ApiServerDryRunFuzzTest {

    private static final List<String> PROMETHEUS_OPERATOR_CRDS =
            List.of(
                    "servicemonitors.monitoring.coreos.com",
                    "podmonitors.monitoring.coreos.com",
                    "prometheusrules.monitoring.coreos.com",
                    "alertmanagerconfigs.monitoring.coreos.com");
    private static final String FIELD_MANAGER = "vigil-fuzz";
    private static final String OWNER_UID = "5f1e0a52-0d2c-4c8e-9a31-6f2b8b1d9e70";
    private static final FuzzFigures FIGURES = FuzzFigures.of(ApiServerDryRunFuzzTest.class);
    private static final CrdSchemaValidator SCHEMA =
            CrdSchemaValidator.forCrd(CrdSchemaValidator.MONITORED_DATABASE_CRD);
    private static final List<String> CEL_MESSAGES =
            celMessages(SchemaDefaults.bundledCrd(CrdSchemaValidator.MONITORED_DATABASE_CRD));

    private static KubernetesClient client;
    private static String namespace;
    private static TemporaryCrds crds;
    private static final Set<String> serviceAccounts = new HashSet<>();
    private static final Set<String> priorityClasses = new HashSet<>();

    @BeforeContainer
    static void restrictedNamespaceWithPrometheusOperatorCrds() {
        SharedApiServer server = SharedApiServer.get();
        client = server.client();
        namespace = server.newNamespace();
        client.namespaces()
                .withName(namespace)
                .edit(
                        ns -> {
                            ns.getMetadata()
                                    .getLabels()
                                    .put("pod-security.kubernetes.io/enforce", "restricted");
                            return ns;
                        });
        crds = new TemporaryCrds(client);
        crds.installPrometheusOperatorCrds(PROMETHEUS_OPERATOR_CRDS);
    }

    @AfterContainer
    static void removeCrdsAndRecord() {
        if (crds != null) {
            crds.close();
        }
        FIGURES.record("ApiServerDryRunFuzzTest");
    }

    @Provide
    Arbitrary<ObjectNode> documents() {
        Arbitrary<ObjectNode> valid = MonitoredDatabaseDocuments.valid();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, valid),
                net.jqwik.api.Tuple.of(
                        1,
                        MutatedDocuments.of(valid, CrdSchema.monitoredDatabase())
                                .filter(m -> m.kind() != MutatedDocuments.Kind.NULL)
                                .map(Mutated::document)));
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @FuzzTries(fast = 6, longRun = 200)
    void theServerAgreesWithVigilValidateAndAcceptsWhatVigilRenders(
            @ForAll("documents") ObjectNode document) {
        FIGURES.count("cases");
        List<FieldError> offline = Verdicts.cli(document);
        Optional<KubernetesClientException> refusal = dryRunCreate(document);
        boolean serverHeld = offline.stream().anyMatch(e -> serverHolds(e, document));
        if (offline.isEmpty()) {
            FIGURES.count("accepted");
            assertThat(refusal)
                    .as("the server refuses what vigil validate accepts: %s", document)
                    .isEmpty();
        } else {
            FIGURES.count("rejected");
            if (serverHeld) {
                assertThat(refusal)
                        .as(
                                "the server accepts what its schema refuses offline %s: %s",
                                offline, document)
                        .isPresent();
            } else {
                FIGURES.count("rejectedByVigilRulesOnly");
                assertThat(refusal)
                        .as(
                                "the server refuses what only Vigil's rules refuse offline %s: %s",
                                offline, document)
                        .isEmpty();
            }
            return;
        }
        for (HasMetadata object : rendered(document)) {
            // Rendering runs offline and leaves the owner's uid empty; the operator has the
            // database's uid from the server and fills it in.
            object.getMetadata().getOwnerReferences().forEach(owner -> owner.setUid(OWNER_UID));
            FIGURES.count("dryRunRequests");
            try {
                client.resource(object)
                        .inNamespace(namespace)
                        .dryRun()
                        .fieldManager(FIELD_MANAGER)
                        .forceConflicts()
                        .serverSideApply();
            } catch (KubernetesClientException e) {
                FIGURES.count("serverRefusals");
                throw new AssertionError(
                        "the server refuses rendered "
                                + object.getKind()
                                + "/"
                                + object.getMetadata().getName()
                                + ": "
                                + e.getMessage()
                                + "\nof "
                                + document,
                        e);
            }
            for (Pod pod : podsOf(object)) {
                FIGURES.count("dryRunRequests");
                FIGURES.count("podsChecked");
                ensureServiceAccount(pod.getSpec().getServiceAccountName());
                ensurePriorityClass(pod.getSpec().getPriorityClassName());
                try {
                    client.resource(pod).inNamespace(namespace).dryRun().create();
                } catch (KubernetesClientException e) {
                    FIGURES.count("serverRefusals");
                    throw new AssertionError(
                            "restricted Pod Security or the server refuses the pod of "
                                    + object.getKind()
                                    + "/"
                                    + object.getMetadata().getName()
                                    + ": "
                                    + e.getMessage()
                                    + "\nof "
                                    + document,
                            e);
                }
            }
        }
    }

    private static Optional<KubernetesClientException> dryRunCreate(JsonNode document) {
        GenericKubernetesResource resource;
        try {
            resource =
                    Serialization.jsonMapper()
                            .convertValue(document, GenericKubernetesResource.class);
        } catch (IllegalArgumentException e) {
            // metadata that is no object: the client cannot send it, and would not get far.
            FIGURES.count("notSendable");
            return Optional.of(new KubernetesClientException("not sendable: " + e.getMessage()));
        }
        FIGURES.count("dryRunRequests");
        try {
            // Strict, as kubectl apply validates by default and vigil validate does.
            client.resource(resource)
                    .inNamespace(namespace)
                    .dryRun()
                    .fieldValidation(FieldValidateable.Validation.STRICT)
                    .create();
            return Optional.empty();
        } catch (KubernetesClientException e) {
            FIGURES.count("serverRefusals");
            return Optional.of(e);
        }
    }

    /**
     * Whether the API server checks what {@code error} says: the CRD schema, or one of its CEL
     * rules (which Vigil's rules repeat with the same message).
     */
    private static boolean serverHolds(FieldError error, JsonNode document) {
        if (SCHEMA.validate(document).contains(error)) {
            return true;
        }
        return CEL_MESSAGES.stream()
                .anyMatch(
                        message ->
                                message.contains(error.reason())
                                        || error.reason()
                                                .startsWith(
                                                        message.substring(
                                                                0,
                                                                Math.min(30, message.length()))));
    }

    private static List<String> celMessages(JsonNode crd) {
        List<String> messages = new ArrayList<>();
        crd.findValues("x-kubernetes-validations")
                .forEach(
                        rules ->
                                rules.forEach(rule -> messages.add(rule.path("message").asText())));
        return messages;
    }

    private static List<HasMetadata> rendered(ObjectNode document) {
        ManifestDocument manifest = new ManifestDocument(Path.of("fuzz.yaml"), 1, document);
        String yaml =
                new ManifestRenderer(
                                namespace,
                                MonitoringContext.DEFAULT_RUNBOOK_BASE_URL,
                                List.of(manifest))
                        .renderDatabase(manifest);
        return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }

    /** The pods the workload {@code object} implies, as its controller would create them. */
    private static List<Pod> podsOf(HasMetadata object) {
        if (object instanceof StatefulSet set) {
            PodSpec spec = set.getSpec().getTemplate().getSpec();
            // The StatefulSet controller adds a volume of each claim template's claim.
            set.getSpec()
                    .getVolumeClaimTemplates()
                    .forEach(
                            claim ->
                                    spec.getVolumes()
                                            .add(
                                                    new VolumeBuilder()
                                                            .withName(claim.getMetadata().getName())
                                                            .withNewPersistentVolumeClaim()
                                                            .withClaimName(
                                                                    claim.getMetadata().getName()
                                                                            + "-"
                                                                            + set.getMetadata()
                                                                                    .getName()
                                                                            + "-0")
                                                            .endPersistentVolumeClaim()
                                                            .build()));
            return List.of(pod(set.getMetadata().getName() + "-0", set.getSpec().getTemplate()));
        }
        if (object instanceof Deployment deployment) {
            return List.of(
                    pod(
                            deployment.getMetadata().getName() + "-fuzz",
                            deployment.getSpec().getTemplate()));
        }
        if (object instanceof Job job) {
            return List.of(pod(job.getMetadata().getName() + "-fuzz", job.getSpec().getTemplate()));
        }
        if (object instanceof CronJob cronJob) {
            return List.of(
                    pod(
                            cronJob.getMetadata().getName() + "-fuzz",
                            cronJob.getSpec().getJobTemplate().getSpec().getTemplate()));
        }
        return List.of();
    }

    private static Pod pod(String name, PodTemplateSpec template) {
        Pod pod = new Pod();
        ObjectMeta metadata =
                template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        metadata.setName(name);
        metadata.setNamespace(namespace);
        pod.setMetadata(metadata);
        pod.setSpec(template.getSpec());
        return pod;
    }

    /**
     * The Priority admission refuses a pod whose PriorityClass does not exist: the user names one
     * of their cluster's, which this server has to have too.
     */
    private static void ensurePriorityClass(String name) {
        if (name != null
                && priorityClasses.add(name)
                && client.scheduling().v1().priorityClasses().withName(name).get() == null) {
            client.resource(
                            new PriorityClassBuilder()
                                    .withNewMetadata()
                                    .withName(name)
                                    .endMetadata()
                                    .withValue(1000)
                                    .build())
                    .create();
        }
    }

    /** The ServiceAccount admission refuses a pod whose account does not exist. */
    private static void ensureServiceAccount(String name) {
        String account = name == null ? "default" : name;
        if (serviceAccounts.add(account)
                && client.serviceAccounts().inNamespace(namespace).withName(account).get()
                        == null) {
            client.resource(
                            new ServiceAccountBuilder()
                                    .withNewMetadata()
                                    .withName(account)
                                    .withNamespace(namespace)
                                    .endMetadata()
                                    .build())
                    .create();
        }
    }
}
