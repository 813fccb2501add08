package dev.vigil.e2e.controlplane;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who the operator is in the local cluster: the ServiceAccount of the Helm chart {@code
 * helm/vigil-operator}, with exactly the RBAC the chart renders with its default values (every
 * namespace watched), applied to the cluster; the operator then authenticates with a token the API
 * server issues for that account. A permission the chart lacks fails the scenario that needs it.
 *
 * @param username {@code system:serviceaccount:<namespace>:<name>}, as the audit log names it
 * @param token a bound service-account token, valid for a day
 */
public record OperatorIdentity(String username, String token) {

    public static final String RELEASE = "vigil-operator";
    public static final String NAMESPACE = "vigil-system";

    /** The chart's RBAC kinds (and its ServiceAccount), the objects taken from the rendering. */
    private static final Set<Class<? extends HasMetadata>> RBAC_KINDS =
            Set.of(
                    ServiceAccount.class,
                    ClusterRole.class,
                    ClusterRoleBinding.class,
                    Role.class,
                    RoleBinding.class);

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final long TOKEN_SECONDS = 24 * 3600;

    /** Renders the chart under {@code repositoryRoot}, applies its RBAC and issues a token. */
    public static OperatorIdentity fromChart(KubernetesClient admin, Path repositoryRoot) {
        return apply(admin, render(repositoryRoot, RELEASE, NAMESPACE, Map.of()), NAMESPACE);
    }

    /**
     * Applies the ServiceAccount and RBAC among {@code rendered} (the chart rendered for a release
     * in {@code namespace}) and issues a token of that account.
     */
    public static OperatorIdentity apply(
            KubernetesClient admin, List<HasMetadata> rendered, String namespace) {
        admin.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .endMetadata()
                                .build())
                .serverSideApply();
        ServiceAccount account = null;
        for (HasMetadata object : rendered) {
            if (!RBAC_KINDS.contains(object.getClass())) {
                continue;
            }
            if (object.getMetadata().getNamespace() == null
                    && !(object instanceof ClusterRole)
                    && !(object instanceof ClusterRoleBinding)) {
                object.getMetadata().setNamespace(namespace);
            }
            admin.resource(object).forceConflicts().serverSideApply();
            if (object instanceof ServiceAccount sa) {
                account = sa;
            }
        }
        if (account == null) {
            throw new IllegalStateException("the chart renders no ServiceAccount");
        }
        String name = account.getMetadata().getName();
        TokenRequest issued =
                admin.serviceAccounts()
                        .inNamespace(namespace)
                        .withName(name)
                        .tokenRequest(
                                new TokenRequestBuilder()
                                        .withNewSpec()
                                        .withExpirationSeconds(TOKEN_SECONDS)
                                        .endSpec()
                                        .build());
        return new OperatorIdentity(
                "system:serviceaccount:" + namespace + ":" + name, issued.getStatus().getToken());
    }

    /**
     * {@code helm template} of the chart under {@code repositoryRoot}, released as {@code release}
     * in {@code namespace} with {@code values} ({@code --set}): every object it renders.
     */
    public static List<HasMetadata> render(
            Path repositoryRoot, String release, String namespace, Map<String, String> values) {
        TemplateCommand template =
                new Helm(repositoryRoot.resolve("helm").resolve("vigil-operator"))
                        .template()
                        .withName(release)
                        .withNamespace(namespace)
                        .withKubeVersion("v1.33.0");
        values.forEach(template::set);
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(template.call())) {
            if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                objects.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }
}
