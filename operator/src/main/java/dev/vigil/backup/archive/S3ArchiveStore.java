package dev.vigil.backup.archive;

import dev.vigil.engine.PemTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * An {@link ArchiveStore} in an S3 bucket under a key prefix, through the AWS SDK with the JDK's
 * URLConnection HTTP client. An upload is buffered one part at a time in memory: a body that fits
 * one part goes as a single PutObject, a larger one as a multipart upload, aborted on {@link
 * ArchiveUpload#abort()} so no part is left billed.
 */
public final class S3ArchiveStore implements ArchiveStore {

    /** The size of a part of a multipart upload, and so of the memory an upload holds. */
    public static final int PART_SIZE = 16 * 1024 * 1024;

    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String secret;
    private final int partSize;

    S3ArchiveStore(S3Client client, String bucket, String prefix, String secret, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.prefix = prefix;
        this.secret = secret;
        this.partSize = partSize;
    }

    /**
     * A store as {@code settings} describe it.
     *
     * @throws IOException when the CA file cannot be read
     */
    public static S3ArchiveStore connect(S3Settings settings) throws IOException {
        return connect(settings, PART_SIZE);
    }

    static S3ArchiveStore connect(S3Settings settings, int partSize) throws IOException {
        UrlConnectionHttpClient.Builder http =
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2));
        if (settings.caFile().isPresent()) {
            Path caFile = settings.caFile().get();
            TrustManager[] trust;
            try {
                trust = PemTrust.trustManagers(Files.readString(caFile), true);
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        "cannot read the CA certificates of " + caFile + ": " + e.getMessage(), e);
            }
            http.tlsTrustManagersProvider(() -> trust);
        }
        SdkHttpClient httpClient = http.build();
        S3Client client =
                S3Client.builder()
                        .httpClient(httpClient)
                        .endpointOverride(settings.endpoint())
                        .region(Region.of(settings.region()))
                        .forcePathStyle(settings.pathStyle())
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                settings.accessKeyId(),
                                                settings.secretAccessKey())))
                        // S3-compatible stores do not all take the SDK's default CRC32 trailers.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .build();
        return new S3ArchiveStore(
                client, settings.bucket(), settings.prefix(), settings.secretAccessKey(), partSize);
    }

    /** The SDK client, for tests that look at what S3 holds beyond this interface. */
    S3Client client() {
        return client;
    }

    @Override
    public ArchiveUpload beginUpload(String key) {
        return new PartUpload(fullKey(key));
    }

    @Override
    public List<StoredObject> list(String keyPrefix) throws IOException {
        String full = root() + keyPrefix;
        try {
            List<StoredObject> objects = new ArrayList<>();
            for (S3Object object :
                    client.listObjectsV2Paginator(
                                    ListObjectsV2Request.builder()
                                            .bucket(bucket)
                                            .prefix(full)
                                            .build())
                            .contents()) {
                objects.add(
                        new StoredObject(
                                object.key().substring(root().length()),
                                object.size(),
                                object.lastModified()));
            }
            return objects;
        } catch (SdkException e) {
            throw failure("listing", full, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        String full = fullKey(key);
        try {
            return client.getObject(GetObjectRequest.builder().bucket(bucket).key(full).build());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(url(full));
        } catch (SdkException e) {
            throw failure("reading", full, e);
        }
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        putObject(fullKey(key), content, content.length);
    }

    @Override
    public void delete(String key) throws IOException {
        String full = fullKey(key);
        try {
            client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(full).build());
        } catch (SdkException e) {
            throw failure("deleting", full, e);
        }
    }

    @Override
    public String location() {
        return prefix.isEmpty() ? "s3://" + bucket : "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() {
        client.close();
    }

    private void putObject(String full, byte[] content, int length) throws IOException {
        try {
            client.putObject(
                    PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(full)
                            .contentLength((long) length)
                            .build(),
                    body(content, length));
        } catch (SdkException e) {
            throw failure("writing", full, e);
        }
    }

    private static RequestBody body(byte[] content, int length) {
        // A fresh stream per attempt, so the SDK's retries resend the part without a copy.
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(content, 0, length), length, CONTENT_TYPE);
    }

    private String root() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    private String fullKey(String key) {
        return root() + ArchiveKeys.checked(key);
    }

    private String url(String full) {
        return "s3://" + bucket + "/" + full;
    }

    private IOException failure(String action, String full, SdkException e) {
        // The SDK's messages carry no secret; the replace keeps it so should one ever echo it.
        String message = String.valueOf(e.getMessage());
        if (!secret.isEmpty()) {
            message = message.replace(secret, "(hidden)");
        }
        return new IOException(action + " " + url(full) + " failed: " + message);
    }

    /** One object being written: a full buffer becomes a part, the rest goes on commit. */
    private final class PartUpload extends ArchiveUpload {

        private final String full;
        private final byte[] buffer = new byte[partSize];
        private final List<CompletedPart> parts = new ArrayList<>();
        private int filled;
        private long size;
        private String uploadId;

        PartUpload(String full) {
            this.full = full;
        }

        @Override
        protected void doWrite(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                // A full buffer is sent only once more bytes come: one part's worth is a PutObject.
                if (filled == buffer.length) {
                    sendPart();
                }
                int chunk = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, chunk);
                filled += chunk;
                offset += chunk;
                length -= chunk;
                size += chunk;
            }
        }

        @Override
        protected long doCommit() throws IOException {
            if (uploadId == null) {
                putObject(full, buffer, filled);
                return size;
            }
            sendPart();
            try {
                client.completeMultipartUpload(
                        CompleteMultipartUploadRequest.builder()
                                .bucket(bucket)
                                .key(full)
                                .uploadId(uploadId)
                                .multipartUpload(
                                        CompletedMultipartUpload.builder().parts(parts).build())
                                .build());
            } catch (SdkException e) {
                throw failure("completing the upload of", full, e);
            }
            return size;
        }

        @Override
        protected void doAbort() throws IOException {
            if (uploadId != null) {
                try {
                    client.abortMultipartUpload(
                            AbortMultipartUploadRequest.builder()
                                    .bucket(bucket)
                                    .key(full)
                                    .uploadId(uploadId)
                                    .build());
                } catch (SdkException e) {
                    throw failure("aborting the upload of", full, e);
                }
            }
        }

        private void sendPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId =
                            client.createMultipartUpload(
                                            CreateMultipartUploadRequest.builder()
                                                    .bucket(bucket)
                                                    .key(full)
                                                    .contentType(CONTENT_TYPE)
                                                    .build())
                                    .uploadId();
                }
                int number = parts.size() + 1;
                String eTag =
                        client.uploadPart(
                                        UploadPartRequest.builder()
                                                .bucket(bucket)
                                                .key(full)
                                                .uploadId(uploadId)
                                                .partNumber(number)
                                                .contentLength((long) filled)
                                                .build(),
                                        body(buffer, filled))
                                .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
                filled = 0;
            } catch (SdkException e) {
                throw failure("uploading a part of", full, e);
            }
        }
    }
}
