package dev.vigil.backup.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON object {@code vigil backup upload} and {@code download} write to their report file (the
 * termination log), for the operator to read from the container's terminated state. Kubernetes
 * keeps at most {@value #MAX_BYTES} bytes of it: a failure's message is cut to {@value
 * #MAX_MESSAGE} characters, and a success names no list.
 */
public final class DumpReport {

    /** What Kubernetes keeps of a termination message. */
    public static final int MAX_BYTES = 4096;

    /** The longest failure message kept. */
    public static final int MAX_MESSAGE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode node;

    private DumpReport(ObjectNode node) {
        this.node = node;
    }

    /**
     * An upload's success: the dump, the time it took, and the span the dumps kept after the
     * retention restore to: {@code recoverableFrom} and {@code recoverableTo}, the end of the
     * oldest and of the newest kept, and {@code kept}, how many are kept.
     */
    public static DumpReport uploaded(
            DumpManifest dump, Duration duration, List<DumpManifest> kept) {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", dump.label());
        node.put("startedAt", DumpManifest.rfc3339(dump.startedAt()));
        node.put("finishedAt", DumpManifest.rfc3339(dump.finishedAt()));
        node.put("sizeBytes", dump.sizeBytes());
        node.put("durationSeconds", seconds(duration));
        if (!kept.isEmpty()) {
            node.put("recoverableFrom", DumpManifest.rfc3339(kept.get(0).finishedAt()));
            node.put("recoverableTo", DumpManifest.rfc3339(kept.get(kept.size() - 1).finishedAt()));
        }
        node.put("kept", kept.size());
        return new DumpReport(node);
    }

    /** A download's success: the dump sent. */
    public static DumpReport downloaded(DumpManifest dump) {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", dump.label());
        node.put("finishedAt", DumpManifest.rfc3339(dump.finishedAt()));
        return new DumpReport(node);
    }

    /** A failure at {@code failedAt}, after {@code duration}, for {@code message}. */
    public static DumpReport failed(Instant failedAt, Duration duration, String message) {
        String oneLine = String.valueOf(message).replace('\n', ' ').strip();
        if (oneLine.length() > MAX_MESSAGE) {
            oneLine = oneLine.substring(0, MAX_MESSAGE - 3) + "...";
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("failedAt", DumpManifest.rfc3339(failedAt));
        node.put("durationSeconds", seconds(duration));
        node.put("message", oneLine);
        return new DumpReport(node);
    }

    /** The JSON object, on one line. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a report", e);
        }
    }

    /**
     * Prints it on {@code out} and writes it to {@code path}; says on {@code out} when the file
     * cannot be written.
     *
     * @return whether the file holds it
     */
    public boolean deliver(Path path, PrintWriter out) {
        out.println(toJson());
        out.flush();
        try {
            writeTo(path);
            return true;
        } catch (IOException e) {
            out.println("cannot write the report to " + path + ": " + e.getMessage());
            out.flush();
            return false;
        }
    }

    /** Writes it to {@code path}, replacing what was there. */
    public void writeTo(Path path) throws IOException {
        byte[] json = toJson().getBytes(StandardCharsets.UTF_8);
        if (json.length > MAX_BYTES) {
            throw new IllegalStateException("a report of " + json.length + " bytes");
        }
        Files.write(path, json);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
