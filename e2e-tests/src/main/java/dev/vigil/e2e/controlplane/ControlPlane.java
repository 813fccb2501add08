package dev.vigil.e2e.controlplane;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver and kube-controller-manager,
 * each a process of the release {@code scripts/go-binaries.sh} builds, on free ports, tied to this
 * JVM so that nothing outlives it.
 *
 * <p>The API server authenticates static tokens (the administrator, the node) and service-account
 * tokens, authorizes with {@code Node,RBAC}, admits pods through Pod Security (namespaces choose
 * their level by label), and writes an audit log of every request by a service account. The
 * controller manager runs the controllers a cluster of Vigil's needs: StatefulSets, Deployments and
 * ReplicaSets, Jobs and CronJobs (MongoDB's backups), the garbage collector, namespaces, service
 * accounts and their root CA, disruption budgets, and PVC and PV protection. Not the EndpointSlice
 * controller: pods here have loopback addresses, which the API server refuses in EndpointSlices;
 * the node's proxy reads pods instead. What a real cluster adds on nodes (the kubelet, the pod
 * network, DNS, Services, volume provisioning) the harness's node provides.
 */
public final class ControlPlane implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String CONTROLLERS =
            String.join(
                    ",",
                    "statefulset",
                    "deployment",
                    "replicaset",
                    "job",
                    "cronjob",
                    "garbagecollector",
                    "namespace",
                    "serviceaccount",
                    "serviceaccount-token",
                    "root-ca-cert-publisher",
                    "disruption",
                    "pvc-protection",
                    "pv-protection");

    private final ControlPlaneFiles files;
    private final Deque<TiedProcess> processes = new ArrayDeque<>();
    private String url;
    private KubernetesClient client;

    private ControlPlane(ControlPlaneFiles files) {
        this.files = files;
    }

    /**
     * Starts etcd, the API server and the controller manager; returns once the API server is ready.
     *
     * @param directory where etcd keeps its data and the processes their logs; emptied first
     * @param apiPort the API server's port on 127.0.0.1; 0 picks a free one
     * @param serviceClusterIpRange the Services' cluster IPs
     * @param nodeName the node whose static token the API server accepts
     */
    public static ControlPlane start(
            ControlPlaneBinaries binaries,
            Path directory,
            int apiPort,
            String serviceClusterIpRange,
            String nodeName) {
        deleteRecursively(directory);
        ControlPlane plane = new ControlPlane(ControlPlaneFiles.write(directory, nodeName));
        try {
            plane.startProcesses(binaries, apiPort, serviceClusterIpRange);
            return plane;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    private void startProcesses(
            ControlPlaneBinaries binaries, int requestedApiPort, String serviceRange) {
        Path dir = files.directory();
        int etcdPort = FreePorts.pick();
        int peerPort = FreePorts.pick();
        String etcdUrl = "http://127.0.0.1:" + etcdPort;
        TiedProcess etcd =
                started(
                        TiedProcess.start(
                                "etcd",
                                List.of(
                                        binaries.etcd().toString(),
                                        "--name=vigil",
                                        "--data-dir=" + dir.resolve("etcd"),
                                        "--listen-client-urls=" + etcdUrl,
                                        "--advertise-client-urls=" + etcdUrl,
                                        "--listen-peer-urls=http://127.0.0.1:" + peerPort,
                                        "--initial-advertise-peer-urls=http://127.0.0.1:"
                                                + peerPort,
                                        "--initial-cluster=vigil=http://127.0.0.1:" + peerPort,
                                        "--unsafe-no-fsync=true",
                                        "--log-level=warn"),
                                dir.resolve("etcd.log")));
        int apiPort = requestedApiPort == 0 ? FreePorts.pick() : requestedApiPort;
        url = "https://127.0.0.1:" + apiPort;
        TiedProcess apiserver =
                started(
                        TiedProcess.start(
                                "kube-apiserver",
                                List.of(
                                        binaries.kubeApiserver().toString(),
                                        "--etcd-servers=" + etcdUrl,
                                        "--bind-address=127.0.0.1",
                                        "--advertise-address=127.0.0.1",
                                        "--secure-port=" + apiPort,
                                        "--cert-dir=" + files.certificates(),
                                        "--service-cluster-ip-range=" + serviceRange,
                                        "--token-auth-file=" + files.tokens(),
                                        "--authorization-mode=Node,RBAC",
                                        "--enable-admission-plugins=NodeRestriction",
                                        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                                        "--service-account-key-file="
                                                + files.serviceAccountPublicKey(),
                                        "--service-account-signing-key-file="
                                                + files.serviceAccountKey(),
                                        "--service-account-max-token-expiration=48h",
                                        "--audit-policy-file=" + files.auditPolicy(),
                                        "--audit-log-path=" + files.auditLog(),
                                        "--audit-log-format=json",
                                        "--audit-log-maxsize=0",
                                        "--anonymous-auth=false",
                                        "--allow-privileged=false",
                                        "--endpoint-reconciler-type=none",
                                        "--v=1"),
                                dir.resolve("kube-apiserver.log")));
        waitUntilReady(apiserver, etcd);
        Path kubeconfig = writeKubeconfig(dir.resolve("controller-manager.kubeconfig"));
        started(
                TiedProcess.start(
                        "kube-controller-manager",
                        List.of(
                                binaries.kubeControllerManager().toString(),
                                "--kubeconfig=" + kubeconfig,
                                "--authentication-kubeconfig=" + kubeconfig,
                                "--authorization-kubeconfig=" + kubeconfig,
                                "--bind-address=127.0.0.1",
                                "--secure-port=" + FreePorts.pick(),
                                "--controllers=" + CONTROLLERS,
                                "--leader-elect=false",
                                "--service-account-private-key-file=" + files.serviceAccountKey(),
                                "--root-ca-file=" + files.certificates().resolve("apiserver.crt"),
                                "--use-service-account-credentials=false",
                                "--concurrent-statefulset-syncs=5",
                                "--v=1"),
                        dir.resolve("kube-controller-manager.log")));
        client =
                new KubernetesClientBuilder()
                        .withConfig(clientConfig(files.adminToken(), "vigil-e2e-admin"))
                        .build();
    }

    /** The API server's URL, {@code https://127.0.0.1:<port>}. */
    public String url() {
        return url;
    }

    /** A client with the administrator's rights. */
    public KubernetesClient client() {
        return client;
    }

    /** A client that authenticates with {@code token} (a service account's, the node's). */
    public Config clientConfig(String token, String userAgent) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withOauthToken(token)
                .withTrustCerts(true)
                .withDisableHostnameVerification(true)
                .withNamespace("default")
                .withUserAgent(userAgent)
                .withRequestTimeout(10_000)
                .withConnectionTimeout(5_000)
                .build();
    }

    public ControlPlaneFiles files() {
        return files;
    }

    /** The audit log: every request of a service account, one JSON object a line. */
    public AuditLog auditLog() {
        return new AuditLog(files.auditLog());
    }

    /** Writes a kubeconfig of the administrator, for {@code kubectl --kubeconfig}. */
    public Path writeKubeconfig(Path file) {
        return writeKubeconfig(file, "default");
    }

    /** Writes a kubeconfig of the administrator whose context is in {@code namespace}. */
    public Path writeKubeconfig(Path file, String namespace) {
        return writeKubeconfig(file, namespace, files.adminToken());
    }

    /**
     * Writes a kubeconfig that authenticates with {@code token} (a service account's), for a
     * process of its own such as {@code vigil run}; the file is readable by its owner only.
     */
    public Path writeKubeconfig(Path file, String namespace, String token) {
        String yaml =
                """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: vigil
                    cluster:
                      server: %s
                      insecure-skip-tls-verify: true
                users:
                  - name: vigil-user
                    user:
                      token: %s
                contexts:
                  - name: vigil
                    context:
                      cluster: vigil
                      user: vigil-user
                      namespace: %s
                current-context: vigil
                """
                        .formatted(url, token, namespace);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(
                    file,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Stops the controller manager, the API server and etcd, in that order. */
    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        while (!processes.isEmpty()) {
            processes.pop().close();
        }
    }

    private TiedProcess started(TiedProcess process) {
        processes.push(process);
        return process;
    }

    private void waitUntilReady(TiedProcess apiserver, TiedProcess etcd) {
        HttpClient http =
                HttpClient.newBuilder()
                        .sslContext(trustingEveryone())
                        .connectTimeout(Duration.ofSeconds(2))
                        .build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url + "/readyz"))
                        .header("Authorization", "Bearer " + files.adminToken())
                        .timeout(Duration.ofSeconds(5))
                        .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            etcd.checkAlive();
            apiserver.checkAlive();
            try {
                HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the API server started", e);
            }
            pause();
        }
        throw new IllegalStateException(
                "the API server was not ready within "
                        + START_TIMEOUT.toSeconds()
                        + " s ("
                        + last
                        + "); its log "
                        + apiserver.log()
                        + " ends:\n"
                        + apiserver.tail());
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The API server's certificate is self-signed, made at its first start, on loopback only. */
    private static SSLContext trustingEveryone() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(
                                    X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(
                                    X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + directory, e);
        }
    }
}
