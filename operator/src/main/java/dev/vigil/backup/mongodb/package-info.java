/**
 * The MongoDB side of proven restores: {@link dev.vigil.backup.mongodb.DumpVerifier} checks the
 * throwaway mongod a verification pod restored a dump into, in the pod, for {@code vigil backup
 * verify-dump}.
 */
package dev.vigil.backup.mongodb;
