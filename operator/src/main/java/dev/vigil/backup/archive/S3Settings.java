package dev.vigil.backup.archive;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an {@link S3ArchiveStore} keeps its objects and how it reaches them. {@link #toString()}
 * hides the secret key.
 *
 * @param endpoint the service's https URL
 * @param bucket the bucket
 * @param region the region requests are signed for
 * @param pathStyle {@code https://endpoint/bucket/key} when true, else {@code
 *     https://bucket.endpoint/key}
 * @param accessKeyId the access key's id
 * @param secretAccessKey the access key's secret
 * @param caFile a PEM file of CA certificates trusted besides the JVM's own
 * @param prefix the key prefix of the store's root, without leading or trailing slash; empty for
 *     the bucket's root
 */
public record S3Settings(
        URI endpoint,
        String bucket,
        String region,
        boolean pathStyle,
        String accessKeyId,
        String secretAccessKey,
        Optional<Path> caFile,
        String prefix) {

    @Override
    public String toString() {
        return "S3Settings[endpoint="
                + endpoint
                + ", bucket="
                + bucket
                + ", region="
                + region
                + ", pathStyle="
                + pathStyle
                + ", accessKeyId="
                + accessKeyId
                + ", secretAccessKey=(hidden), caFile="
                + caFile
                + ", prefix="
                + prefix
                + "]";
    }
}
