package dev.vigil.e2e.reliability.kills;

/**
 * The PostgreSQL database the kill scenarios change: its health gate decides in seconds, as in
 * docs/rollback.md's settings for a fast test.
 */
public final class KillManifests {

    private KillManifests() {}

    /**
     * @param workMem the {@code work_mem} setting (a change rolls every member)
     * @param broken with a {@code shared_buffers} PostgreSQL refuses (a crash loop)
     */
    public static String postgres(String name, int replicas, String workMem, boolean broken) {
        return """
        apiVersion: vigil.dev/v1alpha1
        kind: MonitoredDatabase
        metadata:
          name: %s
        spec:
          engine: PostgreSQL
          version: "16.4"
          replicas: %d
          storage:
            size: 1Gi
          postgres:
            parameters:
              work_mem: "%s"
        %s  healthGate:
            timeout: 30s
            crashLoopRestartLimit: 1
        """
                .formatted(
                        name,
                        replicas,
                        workMem,
                        broken ? "      shared_buffers: \"nonsense\"\n" : "");
    }
}
