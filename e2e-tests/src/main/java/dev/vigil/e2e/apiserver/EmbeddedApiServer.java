package dev.vigil.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A Kubernetes API server for one machine and no cluster: fabric8's CRUD mock API server (the
 * object store and its watches) behind an HTTP endpoint on 127.0.0.1 that adds what the real {@code
 * kubectl} and the operator's informers need and what a real API server does: discovery (legacy and
 * aggregated), OpenAPI v3 for field validation, Table answers with printer columns, watches over
 * HTTP streaming, optimistic concurrency, status subresources, JSON merge and strategic merge
 * patches, CRDs served as soon as they are stored, schema pruning, defaulting and validation of
 * custom resources, Service cluster IPs, finalizers, owner-reference garbage collection, and a log
 * of every call.
 *
 * <p>Start it with {@link #start(ApiServerOptions)}; {@link #writeKubeconfig(Path)} gives kubectl
 * its address, {@link #client()} is an administrator's fabric8 client.
 */
public final class EmbeddedApiServer implements AutoCloseable {

    /** Name of the cluster, user and context of the kubeconfig. */
    public static final String CONTEXT_NAME = "vigil-local";

    private static final List<String> SYSTEM_NAMESPACES =
            List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ApiHttpServer http;
    private final ObjectWrites writes;
    private final GarbageCollector garbageCollector;
    private final ApiCallLog calls;
    private final KubernetesClient client;

    private EmbeddedApiServer(
            ApiHttpServer http,
            ObjectWrites writes,
            GarbageCollector garbageCollector,
            ApiCallLog calls) {
        this.http = http;
        this.writes = writes;
        this.garbageCollector = garbageCollector;
        this.calls = calls;
        this.client =
                new KubernetesClientBuilder().withConfig(clientConfig(url(), "default")).build();
    }

    /** Starts a server; CRDs and system namespaces are in place when this returns. */
    public static EmbeddedApiServer start(ApiServerOptions options) {
        Clock clock = Clock.systemUTC();
        ObjectStore store = new ObjectStore();
        CustomResourceRegistry customResources = new CustomResourceRegistry();
        ResourceCatalog catalog = new ResourceCatalog(customResources);
        Namespaces namespaces = new Namespaces(store, options.requireNamespaces());
        ServiceAddresses serviceAddresses =
                new ServiceAddresses(new ClusterIpAllocator(options.serviceClusterIpRange()));
        GarbageCollectorTrigger trigger = new GarbageCollectorTrigger();
        ObjectWrites writes =
                new ObjectWrites(
                        store, catalog, customResources, serviceAddresses, namespaces, trigger);
        GarbageCollector garbageCollector =
                new GarbageCollector(store, catalog, writes, namespaces);
        trigger.collector = garbageCollector;
        ApiCallLog calls = new ApiCallLog();
        ApiDispatcher dispatcher =
                new ApiDispatcher(
                        catalog,
                        new DiscoveryDocuments(catalog, options.aggregatedDiscovery()),
                        new OpenApiDocuments(catalog),
                        new ObjectReads(store, catalog, new TableResponses(clock)),
                        writes,
                        calls,
                        clock);
        for (String namespace : SYSTEM_NAMESPACES) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            object.put("apiVersion", "v1").put("kind", "Namespace");
            object.putObject("metadata").put("name", namespace);
            create(writes, BuiltInResources.find("", "namespaces"), object);
        }
        for (Path file : options.crdFiles()) {
            CrdFiles.read(file).forEach(crd -> createCrd(writes, crd));
        }
        if (options.prometheusOperatorCrds()) {
            CrdFiles.parse(CrdFiles.prometheusOperatorCrdsYaml())
                    .forEach(crd -> createCrd(writes, crd));
        }
        ApiHttpServer http = ApiHttpServer.start(dispatcher, options.port());
        garbageCollector.start(options.garbageCollectionInterval());
        return new EmbeddedApiServer(http, writes, garbageCollector, calls);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + http.port();
    }

    public int port() {
        return http.port();
    }

    /** A fabric8 client with every right, default namespace {@code default}. */
    public KubernetesClient client() {
        return client;
    }

    /** A new fabric8 client of this server, default namespace {@code namespace}; close it. */
    public KubernetesClient newClient(String namespace) {
        return new KubernetesClientBuilder().withConfig(clientConfig(url(), namespace)).build();
    }

    /** Every call the server answered. */
    public ApiCallLog calls() {
        return calls;
    }

    /**
     * Registers CRDs from a YAML file or a directory of them, as {@code kubectl create -f} would.
     */
    public void installCrds(Path fileOrDirectory) {
        CrdFiles.read(fileOrDirectory).forEach(crd -> createCrd(writes, crd));
    }

    /** Registers the minimal prometheus-operator CRDs. */
    public void installPrometheusOperatorCrds() {
        CrdFiles.parse(CrdFiles.prometheusOperatorCrdsYaml())
                .forEach(crd -> createCrd(writes, crd));
    }

    /** Runs the garbage collector now, until nothing more is collectable. */
    public void collectGarbage() {
        garbageCollector.sweep();
    }

    /**
     * Writes a kubeconfig for this server (cluster, user and context {@value #CONTEXT_NAME}, plain
     * HTTP, namespace {@code default}) and returns the file.
     */
    public Path writeKubeconfig(Path file) {
        String yaml =
                String.join(
                        "\n",
                        "apiVersion: v1",
                        "kind: Config",
                        "clusters:",
                        "- name: " + CONTEXT_NAME,
                        "  cluster:",
                        "    server: " + url(),
                        "contexts:",
                        "- name: " + CONTEXT_NAME,
                        "  context:",
                        "    cluster: " + CONTEXT_NAME,
                        "    user: " + CONTEXT_NAME,
                        "    namespace: default",
                        "current-context: " + CONTEXT_NAME,
                        "users:",
                        "- name: " + CONTEXT_NAME,
                        "  user: {}",
                        "");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        client.close();
        garbageCollector.close();
        http.close();
    }

    private static Config clientConfig(String url, String namespace) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withNamespace(namespace)
                .build();
    }

    private static void createCrd(ObjectWrites writes, JsonNode crd) {
        create(
                writes,
                BuiltInResources.find("apiextensions.k8s.io", "customresourcedefinitions"),
                crd.deepCopy());
    }

    private static void create(ObjectWrites writes, ResourceType type, JsonNode object) {
        writes.create(type, ApiRequest.parse("POST", type.collectionPath(null)), object);
    }

    /** Lets the writes, built before the collector, ask it for a sweep after a delete. */
    private static final class GarbageCollectorTrigger implements Runnable {
        private volatile GarbageCollector collector;

        @Override
        public void run() {
            if (collector != null) {
                collector.trigger();
            }
        }
    }
}
