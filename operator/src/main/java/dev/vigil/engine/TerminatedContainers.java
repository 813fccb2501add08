package dev.vigil.engine;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;

/**
 * What a container that ended says about why: its termination message (Vigil's commands write a
 * one-line reason there), else its exit code and the kubelet's reason.
 */
public final class TerminatedContainers {

    private TerminatedContainers() {}

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
