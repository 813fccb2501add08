package dev.vigil.e2e.reliability.kills;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Helm chart {@code helm/vigil-operator} rendered for one release, as {@code helm install}
 * would install it: its ServiceAccount and RBAC applied to the cluster, a token of that account,
 * and the operator container's settings ({@code VIGIL_*} variables of the rendered Deployment). The
 * operator processes of the kill and leader election scenarios run with exactly these.
 *
 * @param username {@code system:serviceaccount:<namespace>:<name>}, as the audit log names it
 * @param token a bound token of the release's ServiceAccount, valid for a day
 * @param environment the operator container's variables with a plain value, and {@code
 *     VIGIL_LEASE_NAMESPACE} (from the downward API in a pod) set to the release namespace
 */
public record ChartRelease(String username, String token, Map<String, String> environment) {

    private static final Set<Class<? extends HasMetadata>> RBAC_KINDS =
            Set.of(
                    ServiceAccount.class,
                    ClusterRole.class,
                    ClusterRoleBinding.class,
                    Role.class,
                    RoleBinding.class);
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final long TOKEN_SECONDS = 24 * 3600;

    /**
     * Renders the chart of {@code repositoryRoot} as release {@code release} in {@code namespace}
     * with {@code values} ({@code --set}), applies its ServiceAccount and RBAC, and issues a token.
     */
    public static ChartRelease install(
            KubernetesClient admin,
            Path repositoryRoot,
            String release,
            String namespace,
            Map<String, String> values) {
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
        admin.namespaces()
                .resource(
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(namespace)
                                .endMetadata()
                                .build())
                .serverSideApply();
        ServiceAccount account = null;
        Deployment deployment = null;
        for (HasMetadata object : objects) {
            if (object instanceof Deployment d) {
                deployment = d;
            }
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
        if (account == null || deployment == null) {
            throw new IllegalStateException("the chart renders no ServiceAccount or Deployment");
        }
        String token =
                admin.serviceAccounts()
                        .inNamespace(namespace)
                        .withName(account.getMetadata().getName())
                        .tokenRequest(
                                new TokenRequestBuilder()
                                        .withNewSpec()
                                        .withExpirationSeconds(TOKEN_SECONDS)
                                        .endSpec()
                                        .build())
                        .getStatus()
                        .getToken();
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable :
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            } else if ("VIGIL_LEASE_NAMESPACE".equals(variable.getName())) {
                environment.put(variable.getName(), namespace);
            }
        }
        return new ChartRelease(
                "system:serviceaccount:" + namespace + ":" + account.getMetadata().getName(),
                token,
                environment);
    }

    /** Whether the chart turned leader election on for this release. */
    public boolean leaderElection() {
        return "true".equals(environment.get("VIGIL_LEADER_ELECTION"));
    }

    /** The Lease the release's replicas share. */
    public String leaseName() {
        return environment.get("VIGIL_LEASE_NAME");
    }

    /** The namespace of the Lease. */
    public String leaseNamespace() {
        return environment.get("VIGIL_LEASE_NAMESPACE");
    }
}
