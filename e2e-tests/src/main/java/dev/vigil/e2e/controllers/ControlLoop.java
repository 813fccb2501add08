package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one controller's reconcile pass on a single thread, so a controller is deterministic: a pass
 * runs after any change its informers see (changes arriving during a pass are coalesced into one
 * more pass) and at least once per resync period. A pass that fails is logged and the next one
 * starts from what the API server says then, as a real controller's work queue retries.
 */
final class ControlLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    private final String name;
    private final Duration resync;
    private final Runnable pass;
    private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
    private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;

    ControlLoop(String name, Duration resync, Runnable pass) {
        this.name = name;
        this.resync = resync;
        this.pass = pass;
    }

    /** Starts an informer on {@code resources} whose every event wakes the loop. */
    <T> void wakeOn(Informable<T> resources) {
        informers.add(
                resources.inform(
                        new ResourceEventHandler<T>() {
                            @Override
                            public void onAdd(T obj) {
                                wakeUp();
                            }

                            @Override
                            public void onUpdate(T oldObj, T newObj) {
                                wakeUp();
                            }

                            @Override
                            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                                wakeUp();
                            }
                        },
                        0));
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for one more pass as soon as the current one (if any) ends. */
    void wakeUp() {
        wakeUps.offer(Boolean.TRUE);
    }

    private void run() {
        while (running) {
            try {
                pass.run();
            } catch (KubernetesClientException e) {
                // A conflict or a vanished object: the next pass reads the new state.
                LOG.debug("{}: pass interrupted by the API server: {}", name, e.getMessage());
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("{}: pass failed", name, e);
                }
            }
            try {
                wakeUps.poll(resync.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        Thread toJoin;
        synchronized (this) {
            running = false;
            toJoin = thread;
        }
        informers.forEach(SharedIndexInformer::close);
        if (toJoin != null) {
            toJoin.interrupt();
            try {
                toJoin.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
