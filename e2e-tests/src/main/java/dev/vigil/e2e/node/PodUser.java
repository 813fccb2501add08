package dev.vigil.e2e.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system account this node runs containers as. Images name users that do not exist on
 * this machine (a pod's {@code runAsUser: 999}, {@code fsGroup: 999}), and PostgreSQL refuses to
 * run as root, so when the node runs as root every container runs as one unprivileged account, the
 * {@code postgres} user Debian's {@code postgresql} package creates, through {@code setpriv}, and
 * the volumes it must write are handed to it. When the node does not run as root, containers run as
 * the node's own user and nothing is handed over.
 */
public final class PodUser {

    /** The unprivileged account used when the node runs as root. */
    public static final String UNPRIVILEGED = "postgres";

    private final String name;
    private final boolean switches;

    private PodUser(String name, boolean switches) {
        this.name = name;
        this.switches = switches;
    }

    /**
     * {@link #UNPRIVILEGED} when this JVM runs as root, the current user otherwise.
     *
     * @throws IllegalStateException when running as root and there is no such account, saying what
     *     to install
     */
    public static PodUser detect() {
        if (!runningAsRoot()) {
            return new PodUser(System.getProperty("user.name"), false);
        }
        try {
            Path.of("/")
                    .getFileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName(UNPRIVILEGED);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the node runs as root, but there is no '"
                            + UNPRIVILEGED
                            + "' user to run containers as: install Debian's postgresql package"
                            + " (apt-get install postgresql), which creates it",
                    e);
        }
        return new PodUser(UNPRIVILEGED, true);
    }

    /** The account's name. */
    public String name() {
        return name;
    }

    /** Whether containers run as another account than the node's. */
    public boolean switches() {
        return switches;
    }

    /**
     * The command line that runs {@code argv} as this account, in a session of its own (so the
     * container's processes can be signalled as a group). The environment is passed through as is,
     * never on the command line.
     */
    public List<String> command(List<String> argv) {
        List<String> command = new ArrayList<>(List.of("setsid"));
        if (switches) {
            command.addAll(
                    List.of(
                            "setpriv",
                            "--reuid=" + name,
                            "--regid=" + name,
                            "--init-groups",
                            "--"));
        }
        command.addAll(argv);
        return command;
    }

    /** Hands {@code path} (owner and group) to this account; nothing to do when not switching. */
    public void own(Path path) {
        if (!switches) {
            return;
        }
        try {
            PosixFileAttributeView view =
                    Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user(path));
            view.setGroup(group(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + path + " to " + name, e);
        }
    }

    /** Gives {@code path}'s group to this account's group, as a pod's {@code fsGroup} does. */
    public void shareGroup(Path path) {
        if (!switches) {
            return;
        }
        try {
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give " + path + " to group " + name, e);
        }
    }

    private UserPrincipal user(Path path) throws IOException {
        return lookup(path).lookupPrincipalByName(name);
    }

    private GroupPrincipal group(Path path) throws IOException {
        return lookup(path).lookupPrincipalByGroupName(name);
    }

    private static UserPrincipalLookupService lookup(Path path) {
        return path.getFileSystem().getUserPrincipalLookupService();
    }

    private static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
