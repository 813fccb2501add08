package dev.vigil.credentials;

import dev.vigil.api.v1alpha1.CredentialsSpec;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.CredentialKeys;
import dev.vigil.names.ResourceNames;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A user's request for a new monitoring password, and whether Vigil has carried it out.
 *
 * <p>The request is a token: {@code spec.credentials.rotateMonitoringPassword}, the annotation
 * {@value #TRIGGER_ANNOTATION} on the MonitoredDatabase, or both. A rotation is due when the token
 * is set and differs from the one recorded (annotation {@value #RECORDED_TOKEN_ANNOTATION}) on the
 * {@code <name>-monitoring} Secret Vigil generated; the new password is written there with the
 * token recorded, so the same token never rotates twice. The token is always read from the resource
 * as stored, never from a spec restored by a rollback, whose older token must not rotate again.
 *
 * <p>The exporters read the password only when they start: the pod templates carry the token in
 * {@value #POD_ANNOTATION}, so a new token restarts them. Only when a token is set, so that pods of
 * databases without one never roll for it. A Secret the user names is never written: its token only
 * restarts the exporters.
 */
public final class MonitoringPasswordRotation {

    /** Annotation on a MonitoredDatabase asking for a rotation without a spec change. */
    public static final String TRIGGER_ANNOTATION = "vigil.dev/rotate-monitoring-password";

    /** Annotation on the generated monitoring Secret: the token its password was made for. */
    public static final String RECORDED_TOKEN_ANNOTATION = "vigil.dev/rotation-token";

    /** Annotation on the exporters' pod template: the token, so a new one restarts them. */
    public static final String POD_ANNOTATION = "vigil.dev/monitoring-credentials";

    private MonitoringPasswordRotation() {}

    /**
     * The token of {@code resource} as stored: the spec field, the annotation, or both joined, so
     * that a change of either is a new token.
     */
    public static Optional<String> token(MonitoredDatabase resource) {
        Optional<String> fromSpec =
                Optional.ofNullable(resource.getSpec())
                        .map(spec -> spec.getCredentials())
                        .map(CredentialsSpec::getRotateMonitoringPassword)
                        .filter(value -> !value.isEmpty());
        Optional<String> fromAnnotation =
                Optional.ofNullable(resource.getMetadata().getAnnotations())
                        .map(annotations -> annotations.get(TRIGGER_ANNOTATION))
                        .filter(value -> !value.isEmpty());
        if (fromSpec.isPresent() && fromAnnotation.isPresent()) {
            return Optional.of("spec=" + fromSpec.get() + ";annotation=" + fromAnnotation.get());
        }
        return fromSpec.or(() -> fromAnnotation);
    }

    /**
     * Whether Vigil must write a new password into its generated monitoring Secret.
     *
     * @param resource the MonitoredDatabase as stored, holding the token
     * @param running what runs now, with its schema defaults: it says whether the exporter is on
     *     and whether the monitoring Secret is Vigil's to generate
     * @param generated the live {@link ResourceNames#generatedMonitoringSecret} Secret, if any
     */
    public static boolean due(
            MonitoredDatabase resource, MonitoredDatabase running, Optional<Secret> generated) {
        Optional<String> token = token(resource);
        return token.isPresent()
                && runsExporter(running)
                && ResourceNames.generatesMonitoringSecret(running)
                && generated.isPresent()
                && !token.equals(recordedToken(generated.get()));
    }

    /** The token recorded on a generated monitoring Secret, if any. */
    public static Optional<String> recordedToken(Secret secret) {
        return Optional.ofNullable(secret.getMetadata().getAnnotations())
                .map(annotations -> annotations.get(RECORDED_TOKEN_ANNOTATION));
    }

    /**
     * {@code desired}, a generated Secret about to be created, with {@code resource}'s token
     * recorded if it is the monitoring Secret: a password made after the token was set already
     * answers it, so a database created with a token does not rotate right after.
     */
    public static Secret recordedOnCreation(MonitoredDatabase resource, Secret desired) {
        Optional<String> token = token(resource);
        boolean monitoring =
                desired.getMetadata()
                        .getName()
                        .equals(ResourceNames.generatedMonitoringSecret(resource));
        if (token.isEmpty() || !monitoring) {
            return desired;
        }
        return new SecretBuilder(desired)
                .editMetadata()
                .addToAnnotations(RECORDED_TOKEN_ANNOTATION, token.get())
                .endMetadata()
                .build();
    }

    /**
     * A copy of {@code live} holding {@code password} and recording {@code token}, every other key
     * kept. Values go in base64 {@code data} ({@code stringData} folded in, as the API server
     * does), and the copy keeps {@code live}'s resourceVersion, so that the write fails rather than
     * overwrite a change it did not see.
     */
    public static Secret rotated(Secret live, String password, String token) {
        Map<String, String> data = new LinkedHashMap<>();
        if (live.getData() != null) {
            data.putAll(live.getData());
        }
        if (live.getStringData() != null) {
            live.getStringData().forEach((key, value) -> data.put(key, base64(value)));
        }
        data.put(CredentialKeys.PASSWORD, base64(password));
        return new SecretBuilder(live)
                .withMetadata(
                        new ObjectMetaBuilder(live.getMetadata())
                                .addToAnnotations(RECORDED_TOKEN_ANNOTATION, token)
                                .build())
                .withData(data)
                .withStringData(null)
                .build();
    }

    /**
     * Puts {@code revision}, the token from {@code BuildContext.monitoringCredentialsRevision()},
     * on {@code template}, the pod template of {@code database} (already defaulted); nothing when
     * no token is set or the pods run no exporter.
     */
    public static void annotate(
            MonitoredDatabase database, PodTemplateSpec template, Optional<String> revision) {
        if (!runsExporter(database)) {
            return;
        }
        revision.ifPresent(
                token -> {
                    Map<String, String> annotations =
                            new LinkedHashMap<>(
                                    Optional.ofNullable(template.getMetadata().getAnnotations())
                                            .orElse(Map.of()));
                    annotations.put(POD_ANNOTATION, token);
                    template.getMetadata().setAnnotations(annotations);
                });
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code database} (defaulted) runs the exporter, whose user the password is for. */
    private static boolean runsExporter(MonitoredDatabase database) {
        return database.getSpec().getExporter() != null
                && Boolean.TRUE.equals(database.getSpec().getExporter().getEnabled());
    }
}
