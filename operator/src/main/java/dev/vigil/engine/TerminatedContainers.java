package dev.vigil.engine;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the containers of a pod that runs once say: which ended, why (its termination message, where
 * Vigil's commands write a one-line reason, else its exit code and the kubelet's reason), and which
 * cannot start.
 */
public final class TerminatedContainers {

    // Waiting reasons that do not go away by waiting.
    private static final Set<String> CANNOT_START =
            Set.of(
                    "ErrImagePull",
                    "ImagePullBackOff",
                    "InvalidImageName",
                    "CreateContainerConfigError",
                    "CreateContainerError");

    private TerminatedContainers() {}

    /** How {@code container} ended; null while it has not. */
    public static ContainerStateTerminated of(ContainerStatus container) {
        ContainerState state = container.getState();
        return state == null ? null : state.getTerminated();
    }

    /** How the container {@code name} among {@code all} ended; null while it has not. */
    public static ContainerStateTerminated named(List<ContainerStatus> all, String name) {
        return all.stream()
                .filter(c -> name.equals(c.getName()))
                .map(TerminatedContainers::of)
                .filter(t -> t != null)
                .findFirst()
                .orElse(null);
    }

    /** Whether {@code ended} ended in failure. */
    public static boolean failed(ContainerStateTerminated ended) {
        return ended != null && ended.getExitCode() != null && ended.getExitCode() != 0;
    }

    /**
     * The first container of {@code all} waiting for a reason that waiting does not cure (its image
     * cannot be pulled, its configuration is wrong), as {@code container <name> cannot start:
     * <reason>[: <message>]}.
     */
    public static Optional<String> cannotStart(List<ContainerStatus> all) {
        for (ContainerStatus container : all) {
            ContainerState state = container.getState();
            ContainerStateWaiting waiting = state == null ? null : state.getWaiting();
            if (waiting != null && CANNOT_START.contains(waiting.getReason())) {
                return Optional.of(
                        "container "
                                + container.getName()
                                + " cannot start: "
                                + waiting.getReason()
                                + (waiting.getMessage() == null
                                        ? ""
                                        : ": " + waiting.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** The reason {@code ended} gives, on one line, at most {@code maxLength} characters. */
    public static String reason(ContainerStateTerminated ended, int maxLength) {
        String message = ended.getMessage() == null ? "" : ended.getMessage().strip();
        String line =
                message.isEmpty()
                        ? "exit code "
                                + ended.getExitCode()
                                + (ended.getReason() == null ? "" : " (" + ended.getReason() + ")")
                        : message.replace('\n', ' ');
        return line.length() > maxLength ? line.substring(0, maxLength - 3) + "..." : line;
    }
}
