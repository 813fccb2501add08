package dev.vigil.reconciler;

import dev.vigil.engine.DatabaseClients;
import dev.vigil.engine.DatabaseEngine;
import dev.vigil.engine.EngineStep;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The step of each engine, made once for the operator's lifetime, since steps remember per database
 * what they already did (a user written for a Secret version, a primary seen silent since when).
 */
final class EngineSteps {

    private final DatabaseClients clients;
    private final Clock clock;
    private final Map<DatabaseEngine, EngineStep> steps = new ConcurrentHashMap<>();

    EngineSteps(DatabaseClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** The step of {@code engine}. */
    EngineStep of(DatabaseEngine engine) {
        return steps.computeIfAbsent(engine, e -> e.step(clients, clock));
    }
}
