package dev.vigil.resources;

import dev.vigil.api.v1alpha1.CertManagerIssuer;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import dev.vigil.names.OwnedMetadata;
import dev.vigil.names.ResourceNames;
import dev.vigil.names.StandardLabels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cert-manager {@code Certificate} {@code <name>-tls} that Vigil asks for when {@code
 * spec.tls.issuer} is set: cert-manager writes the Secret of the same name, which the members
 * mount. The certificate names every Service of the database in each form a client may use, and
 * every member through the headless Service; it serves both server and client authentication, as
 * MongoDB members present it to each other.
 *
 * <p>cert-manager's API is not on the operator's classpath, so the object is a {@link
 * GenericKubernetesResource}; it exists only when cert-manager's CRD does.
 */
public final class CertManagerCertificate {

    /** The CRD that must exist. */
    public static final String CRD = "certificates.cert-manager.io";

    /** How the client addresses Certificates, without API discovery. */
    public static final ResourceDefinitionContext CONTEXT =
            new ResourceDefinitionContext.Builder()
                    .withGroup("cert-manager.io")
                    .withVersion("v1")
                    .withKind("Certificate")
                    .withPlural("certificates")
                    .withNamespaced(true)
                    .build();

    private CertManagerCertificate() {}

    /**
     * The Certificate of {@code database} (already defaulted, TLS on with an issuer).
     *
     * @param clientServices the Services clients reach the database by, as its engine says
     * @param clusterDomain the cluster's DNS domain, {@code cluster.local} by default
     */
    public static GenericKubernetesResource build(
            MonitoredDatabase database, List<String> clientServices, String clusterDomain) {
        CertManagerIssuer issuer = ServerTls.issuer(database).orElseThrow();
        Map<String, Object> issuerRef = new LinkedHashMap<>();
        issuerRef.put("name", issuer.getName());
        issuerRef.put("kind", issuer.getKind() == null ? "Issuer" : issuer.getKind());
        issuerRef.put("group", "cert-manager.io");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("secretName", ServerTls.secretName(database));
        spec.put("commonName", ResourceNames.membersService(database));
        spec.put("dnsNames", dnsNames(database, clientServices, clusterDomain));
        spec.put(
                "usages",
                List.of("digital signature", "key encipherment", "server auth", "client auth"));
        spec.put("issuerRef", issuerRef);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("cert-manager.io/v1")
                .withKind("Certificate")
                .withMetadata(
                        OwnedMetadata.of(
                                database,
                                ServerTls.certificateName(database),
                                StandardLabels.COMPONENT_DATABASE))
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    /**
     * Every Service clients reach the database by, in its short, namespaced, {@code .svc} and fully
     * qualified forms; every member by its stable name; and a wildcard under the headless Service
     * for members added later.
     */
    static List<String> dnsNames(
            MonitoredDatabase database, List<String> clientServices, String clusterDomain) {
        String namespace = database.getMetadata().getNamespace();
        List<String> services = new ArrayList<>(clientServices);
        String members = ResourceNames.membersService(database);
        services.add(members);
        List<String> names = new ArrayList<>();
        for (String service : services) {
            names.add(service);
            names.add(service + "." + namespace);
            names.add(service + "." + namespace + ".svc");
            names.add(service + "." + namespace + ".svc." + clusterDomain);
        }
        for (int ordinal = 0; ordinal < database.getSpec().getReplicas(); ordinal++) {
            names.add(ResourceNames.memberHost(database, ordinal, clusterDomain));
        }
        names.add("*." + members + "." + namespace + ".svc");
        names.add("*." + members + "." + namespace + ".svc." + clusterDomain);
        return names;
    }
}
