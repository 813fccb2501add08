package dev.vigil.engine.postgres.backup;

/**
 * Where the member's server keeps its data and socket, as the postgres container has them: passed
 * in, so this package does not reach back into the engine's.
 *
 * @param pgdata the data directory
 * @param socketDir the Unix socket directory
 * @param port the server's port
 */
public record ServerPaths(String pgdata, String socketDir, int port) {}
