package dev.vigil.e2e.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What the kubelet knows of one container of a pod: whether it runs, its current and last state as
 * {@code containerStatuses} show them, its restart count, and when it may be started or pulled
 * again. Only the pod's worker thread touches it.
 */
final class ContainerRecord {

    final Container spec;
    final boolean init;

    private RunningContainer running;
    private String containerId;
    private Instant startedAt;
    private ContainerState state;
    private ContainerState lastState;
    private int restartCount;
    private int failures;
    private int pullFailures;
    private Instant pullBackOffFrom;
    private Instant nextAttempt = Instant.EPOCH;
    private boolean pulled;
    private boolean ready;
    private boolean started;
    private boolean everStarted;
    private boolean completed;

    ContainerRecord(Container spec, boolean init, String initialWaitingReason) {
        this.spec = spec;
        this.init = init;
        this.state = waiting(initialWaitingReason, null);
    }

    String name() {
        return spec.getName();
    }

    String image() {
        return spec.getImage();
    }

    RunningContainer running() {
        return running;
    }

    boolean isRunning() {
        return running != null;
    }

    boolean ready() {
        return ready;
    }

    boolean everStarted() {
        return everStarted;
    }

    /** An init container that exited with 0. */
    boolean completed() {
        return completed;
    }

    /** Stopped by itself and not to be restarted. */
    boolean finished() {
        return running == null && state.getTerminated() != null;
    }

    int restartCount() {
        return restartCount;
    }

    ContainerState state() {
        return state;
    }

    boolean mayStart(Instant now) {
        return running == null && !now.isBefore(nextAttempt);
    }

    /** Shows a container not started yet waiting with {@code reason} (e.g. PodInitializing). */
    void waitFor(String reason, String message) {
        if (running == null && !everStarted && pullFailures == 0) {
            state = waiting(reason, message);
        }
    }

    void started(RunningContainer container, Instant now, boolean startupProbe) {
        running = container;
        containerId =
                "containerd://"
                        + UUID.randomUUID().toString().replace("-", "")
                        + UUID.randomUUID().toString().replace("-", "");
        startedAt = now;
        pulled = true;
        pullFailures = 0;
        everStarted = true;
        ready = false;
        started = !startupProbe;
        state =
                new ContainerStateBuilder()
                        .withNewRunning()
                        .withStartedAt(timestamp(now))
                        .endRunning()
                        .build();
    }

    /** Readiness and startup as the probes say now; a long clean run forgets past failures. */
    void probed(boolean readyNow, boolean hasReadinessProbe, Instant now, Duration resetAfter) {
        ready = hasReadinessProbe ? readyNow : true;
        started = started || readyNow;
        if (failures > 0 && Duration.between(startedAt, now).compareTo(resetAfter) >= 0) {
            failures = 0;
        }
    }

    /**
     * The container stopped by itself with {@code exitCode}; it is closed here. {@code message} is
     * what it wrote to its termination message file, or null.
     */
    void exited(int exitCode, String message, Instant now) {
        terminated(exitCode, exitCode == 0 ? "Completed" : "Error", message, now);
        completed = init && exitCode == 0;
    }

    /** The runtime could not start it (a real node: {@code StartError}, exit code 128). */
    void startFailed(String message, Instant now) {
        startedAt = now;
        terminated(128, "StartError", message, now);
    }

    /**
     * Schedules a restart after the back-off, showing {@code CrashLoopBackOff} meanwhile, as a
     * restart policy of Always (or OnFailure after a failure) asks.
     */
    void restartAfterBackOff(RestartBackOff backOff, Instant now, String podDescription) {
        failures++;
        restartCount++;
        lastState = state;
        Duration delay = backOff.delay(failures);
        nextAttempt = now.plus(delay);
        state =
                waiting(
                        "CrashLoopBackOff",
                        "back-off "
                                + delay.toSeconds()
                                + "s restarting failed container="
                                + name()
                                + " pod="
                                + podDescription);
    }

    /**
     * No runtime of this node can run the image: {@code ErrImagePull} for the first half of the
     * back-off, {@code ImagePullBackOff} for the rest (see {@link #showPullBackOff}), then another
     * attempt.
     */
    void pullFailed(RestartBackOff backOff, Instant now) {
        pullFailures++;
        Duration delay = backOff.delay(pullFailures);
        pullBackOffFrom = now.plus(delay.dividedBy(2));
        nextAttempt = now.plus(delay);
        state =
                waiting(
                        "ErrImagePull",
                        "failed to pull and unpack image \""
                                + image()
                                + "\": "
                                + image()
                                + ": not found (this node runs no such image)");
    }

    /** After a failed pull, ErrImagePull turns into ImagePullBackOff until the next attempt. */
    void showPullBackOff(Instant now) {
        if (pullBackOffFrom != null
                && state.getWaiting() != null
                && "ErrImagePull".equals(state.getWaiting().getReason())
                && !now.isBefore(pullBackOffFrom)) {
            state = waiting("ImagePullBackOff", "Back-off pulling image \"" + image() + "\"");
        }
    }

    /** The container's Secrets, ConfigMaps or keys are missing: retried after {@code retry}. */
    void configFailed(String message, Instant now, Duration retry) {
        nextAttempt = now.plus(retry);
        state = waiting("CreateContainerConfigError", message);
    }

    /** Stops a running container (pod deletion); its state becomes terminated. */
    void stop(Instant now) {
        if (running == null) {
            return;
        }
        running.close();
        int exitCode = running.exitCode().orElse(137);
        terminated(exitCode, exitCode == 0 ? "Completed" : "Error", null, now);
    }

    private void terminated(int exitCode, String reason, String message, Instant now) {
        if (running != null) {
            running.close();
            running = null;
        }
        ready = false;
        started = false;
        state =
                new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(reason)
                        .withMessage(message)
                        .withStartedAt(startedAt == null ? null : timestamp(startedAt))
                        .withFinishedAt(timestamp(now))
                        .withContainerID(containerId)
                        .endTerminated()
                        .build();
    }

    ContainerStatus status() {
        return new ContainerStatusBuilder()
                .withName(name())
                .withImage(image())
                .withImageID(pulled ? imageId(image()) : "")
                .withContainerID(everStarted ? containerId : null)
                .withReady(ready)
                .withStarted(init ? null : started)
                .withRestartCount(restartCount)
                .withState(state)
                .withLastState(lastState == null ? new ContainerState() : lastState)
                .build();
    }

    private static ContainerState waiting(String reason, String message) {
        return new ContainerStateBuilder()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .build();
    }

    /** Kubernetes timestamps: RFC 3339, whole seconds. */
    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * A stable stand-in for the image's digest: the registry would give the manifest's digest; this
     * node has no registry, so the reference's own hash names it.
     */
    private static String imageId(String image) {
        String repository = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int tag = repository.lastIndexOf(':');
        if (tag > repository.lastIndexOf('/')) {
            repository = repository.substring(0, tag);
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(image.getBytes(StandardCharsets.UTF_8));
            return repository + "@sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
