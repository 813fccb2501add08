package dev.vigil.e2e.bench;

import java.util.Locale;

/** What one run of the fleet benchmark measured, and its report. */
final class FleetFigures {

    private static final double MIB = 1024.0 * 1024.0;

    final int databases;
    final int objects;
    final int concurrency;
    double startupSeconds;
    double convergenceSeconds;
    double settleSeconds;
    double floorSeconds;
    double applyFloorSeconds;
    long writes;
    long statusWrites;
    String convergenceBreakdown = "";
    int idleSeconds;
    long idleWrites;
    long idleReads;
    long idleWatches;
    String idleBreakdown = "";
    String idleMostRead = "";
    String idleStatusChanges = "";
    double heapBytes;
    long rssBytes;
    double restartReadySeconds;
    double restartFirstReconcileSeconds;
    double restartAllSeconds;
    long restartWrites;
    String restartBreakdown = "";
    int edits;
    double editP50;
    double editP99;
    int gateFailures;
    double gateFailureP50;
    double gateFailureP99;

    FleetFigures(int databases, int objects, int concurrency) {
        this.databases = databases;
        this.objects = objects;
        this.concurrency = concurrency;
    }

    String report() {
        return String.format(
                Locale.ROOT,
                """
                fleet benchmark: %d databases, %d rendered objects, %d reconciles at once
                start-up: process start to ready       %8.1f s
                convergence                          %8.1f s
                floor (bare client, same objects)    %8.1f s
                ratio to the floor                   %8.2f
                floor with server-side apply         %8.1f s (ratio %.2f)
                then settled (controller caught up)  %8.1f s later
                writes per database to convergence   %8.2f (objects per database %.2f, status writes per database %.2f)
                idle window                          %8d s
                idle writes                          %8d
                idle reads (get, list)               %8d (%.1f per minute)
                idle watches started                 %8d
                operator heap after full GC          %8.1f MiB
                operator RSS                         %8.1f MiB
                restart: process start to ready      %8.1f s
                restart: to the first reconcile      %8.1f s
                restart: to every database reconciled %7.1f s
                restart: writes until then + 10 s    %8d
                spec edit to StatefulSet patch       %8d edits, p50 %.2f s, p99 %.2f s
                image pull failure to rollback patch %8d databases, p50 %.2f s, p99 %.2f s
                writes to convergence by verb and resource:
                %sidle requests by verb and resource:
                %sobjects read most while idle:
                %sstatuses changed while idle:
                %swrites after the restart:
                %s\
                """,
                databases,
                objects,
                concurrency,
                startupSeconds,
                convergenceSeconds,
                floorSeconds,
                convergenceSeconds / floorSeconds,
                applyFloorSeconds,
                convergenceSeconds / applyFloorSeconds,
                settleSeconds,
                writes / (double) databases,
                objects / (double) databases,
                statusWrites / (double) databases,
                idleSeconds,
                idleWrites,
                idleReads,
                idleReads * 60.0 / idleSeconds,
                idleWatches,
                heapBytes / MIB,
                rssBytes / MIB,
                restartReadySeconds,
                restartFirstReconcileSeconds,
                restartAllSeconds,
                restartWrites,
                edits,
                editP50,
                editP99,
                gateFailures,
                gateFailureP50,
                gateFailureP99,
                convergenceBreakdown,
                idleBreakdown,
                idleMostRead,
                idleStatusChanges,
                restartBreakdown);
    }
}
