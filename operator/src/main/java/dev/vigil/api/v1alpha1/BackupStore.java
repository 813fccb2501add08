package dev.vigil.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A backup repository: an S3-compatible object store or a PersistentVolumeClaim. Set exactly one.
 */
@ValidationRule(
        value = "has(self.s3) != has(self.volume)",
        message = ValidationMessages.BACKUP_STORE_EXACTLY_ONE)
@JsonClassDescription(
        "A backup repository: an S3-compatible object store or a PersistentVolumeClaim. Set exactly"
                + " one.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BackupStore {

    @JsonPropertyDescription(
            "An S3-compatible object store: AWS S3, MinIO, Ceph, Google Cloud Storage's XML API, or"
                    + " an S3 gateway.")
    private S3BackupStore s3;

    @JsonPropertyDescription(
            "An existing PersistentVolumeClaim, for clusters without object storage.")
    private VolumeBackupStore volume;

    public S3BackupStore getS3() {
        return s3;
    }

    public void setS3(S3BackupStore s3) {
        this.s3 = s3;
    }

    public VolumeBackupStore getVolume() {
        return volume;
    }

    public void setVolume(VolumeBackupStore volume) {
        this.volume = volume;
    }
}
