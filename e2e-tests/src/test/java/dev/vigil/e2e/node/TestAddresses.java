package dev.vigil.e2e.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loopback addresses for tests that no other test, in this JVM or any other on this machine, uses
 * at the same time, so a test never depends on a fixed address or port being free.
 *
 * <p>Addresses come in blocks: block {@code b} is the pair {@code 127.b.0.0/16} (pods) and {@code
 * 127.(b+1).0.0/16} (Services), as {@code LocalClusterOptions.withAddressBlock} takes it. A JVM
 * claims a block by an exclusive lock on {@code <java.io.tmpdir>/vigil-address-blocks/<b>.lock},
 * held until the JVM ends (the kernel releases it even after {@code kill -9}), starting its search
 * at a block derived from its pid. Blocks are even numbers from {@value #FIRST_BLOCK}, away from
 * the playground's default 127.10 and 127.20.
 *
 * <p>Inside the JVM's own block, each {@link #podNetwork()} is a /24 of its own and each {@link
 * #address()} an address of the Service half that no one got before in this JVM.
 */
public final class TestAddresses {

    static final int FIRST_BLOCK = 32;
    static final int LAST_BLOCK = 252;
    private static final Path LOCKS =
            Path.of(System.getProperty("java.io.tmpdir"), "vigil-address-blocks");

    /** Held for the JVM's life: a lock is released when its channel is closed or collected. */
    private static final List<FileChannel> HELD = new ArrayList<>();

    /**
     * The blocks this JVM holds. They are never opened again: closing any channel of a file drops
     * every lock the process holds on it.
     */
    private static final Set<Integer> HELD_BLOCKS = new HashSet<>();

    private static int ownBlock = -1;
    private static int nextPodNetwork = 1;
    private static LoopbackAddressPool singles;

    private TestAddresses() {}

    /**
     * A block no other holder on this machine has, claimed for the rest of this JVM's life (see the
     * class comment). Each call claims another one.
     *
     * @throws IllegalStateException when every block is taken
     */
    public static synchronized int claimBlock() {
        int blocks = (LAST_BLOCK - FIRST_BLOCK) / 2 + 1;
        int start = (int) (ProcessHandle.current().pid() % blocks);
        for (int i = 0; i < blocks; i++) {
            int block = FIRST_BLOCK + 2 * ((start + i) % blocks);
            if (!HELD_BLOCKS.contains(block) && tryLock(block)) {
                HELD_BLOCKS.add(block);
                return block;
            }
        }
        throw new IllegalStateException("every address block of " + LOCKS + " is taken");
    }

    /** A pod network of its own: a /24 of this JVM's block, never handed out twice. */
    public static synchronized String podNetwork() {
        int block = ownBlock();
        if (nextPodNetwork > 255) {
            throw new IllegalStateException("this JVM used all 255 pod networks of its block");
        }
        return "127." + block + "." + nextPodNetwork++ + ".0/24";
    }

    /**
     * An address of its own (for a cluster IP, or a server a test runs): from the Service half of
     * this JVM's block, not handed out again until all 65,534 of them were.
     */
    public static synchronized String address() {
        int block = ownBlock();
        if (singles == null) {
            singles = new LoopbackAddressPool("127." + (block + 1) + ".0.0/16");
        }
        return singles.allocate();
    }

    /**
     * A port the kernel picked as free on {@code address}, which is one of {@link #address()}: for
     * a listener whose port is part of what the test declares (a Service's port) before it binds.
     * Nothing else binds that address, so the port stays free until the test binds it.
     */
    public static int freePort(String address) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + address, e);
        }
    }

    private static int ownBlock() {
        if (ownBlock < 0) {
            ownBlock = claimBlock();
        }
        return ownBlock;
    }

    private static boolean tryLock(int block) {
        FileChannel channel = null;
        try {
            Files.createDirectories(LOCKS);
            channel =
                    FileChannel.open(
                            LOCKS.resolve(block + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                HELD.add(channel);
                return true;
            }
        } catch (OverlappingFileLockException e) {
            // This JVM holds it already.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock address block " + block, e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Not ours anyway.
        }
        return false;
    }
}
