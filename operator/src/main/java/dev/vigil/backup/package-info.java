/**
 * Backups of PostgreSQL with pgBackRest, run by Vigil's own image in the database's pod: {@link
 * dev.vigil.backup.ToolInstaller} copies pgBackRest into a volume the postgres container archives
 * WAL with, {@link dev.vigil.backup.BackupAgent} runs the scheduled full backups and serves their
 * status, and {@link dev.vigil.backup.RestoreCommand} restores an empty data directory to a point
 * in time; for {@code spec.backup.verify} it restores into a throwaway pod, and {@link
 * dev.vigil.backup.RestoreVerifier} checks the restored server and measures the RTO. pgBackRest is
 * configured by {@code PGBACKREST_*} environment variables only, so credentials never appear in
 * arguments or logs.
 */
package dev.vigil.backup;
