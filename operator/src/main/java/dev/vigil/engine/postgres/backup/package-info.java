/**
 * Backups of a PostgreSQL database with pgBackRest: the environment that configures it, the init
 * container that brings it into the official postgres image, the archive settings of the server and
 * the backup agent sidecar that takes the scheduled base backups (docs/backup.md).
 *
 * <p>Pure builders: nothing here calls the cluster or the database.
 */
package dev.vigil.engine.postgres.backup;
