package dev.vigil.resources;

/**
 * The image that brings pgBackRest and the backup agent: Vigil's own (the repository's {@code
 * Dockerfile} installs Debian's {@code pgbackrest} beside the jar), at the chart's appVersion.
 */
public final class BackupImage {

    /** The repository of Vigil's image, as the chart's default. */
    public static final String REPOSITORY = "ghcr.io/vigil-dev/vigil-operator";

    /** The tag: the chart's appVersion (a test holds the two together). */
    public static final String TAG = "0.1.0";

    public static final String IMAGE = REPOSITORY + ":" + TAG;

    private BackupImage() {}
}
