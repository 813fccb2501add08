/**
 * MongoDB dumps in an object store or a mounted directory. A backup CronJob's pod runs {@code
 * mongodump --oplog --gzip --archive} into a FIFO, and {@link dev.vigil.backup.archive.DumpUpload}
 * ({@code vigil backup upload}) streams the FIFO into an {@link
 * dev.vigil.backup.archive.ArchiveStore}, writes the dump's manifest once the archive is stored and
 * applies the retention; {@link dev.vigil.backup.archive.DumpDownload} ({@code vigil backup
 * download}) streams a dump back for mongorestore. {@link dev.vigil.backup.archive.DumpRepository}
 * holds the layout. The store is configured by {@code VIGIL_STORE_*} environment variables ({@link
 * dev.vigil.backup.archive.ArchiveStores}), so credentials never appear in arguments or logs.
 */
package dev.vigil.backup.archive;
