/**
 * Backups of MongoDB: a CronJob whose pods stream {@code mongodump --oplog --gzip --archive} from
 * the official mongo image, through a FIFO, into Vigil's image, which stores the archive and keeps
 * the retention rule ({@code vigil backup upload}, {@link dev.vigil.backup.archive}); and the
 * reading of those pods' results into {@code status.backup}. The builders here are pure; {@link
 * dev.vigil.engine.mongodb.backup.MongoBackupJobs} is the one class that calls the cluster.
 */
package dev.vigil.engine.mongodb.backup;
