package dev.vigil.backup.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * What is known of one complete dump, stored beside its archive once the archive is stored: {@code
 * {"label","startedAt","finishedAt","sizeBytes"}}, times in RFC 3339 UTC.
 *
 * @param label the dump's name: its start in UTC as {@code yyyyMMdd'T'HHmmss'Z'}
 * @param startedAt when the dump began
 * @param finishedAt when the whole archive was read: with {@code --oplog}, the time the dump
 *     restores to
 * @param sizeBytes the stored archive's size
 */
public record DumpManifest(String label, Instant startedAt, Instant finishedAt, long sizeBytes) {

    /** The labels' format; their order is the dumps' order. */
    public static final DateTimeFormatter LABEL =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The label of a dump started at {@code startedAt}. */
    public static String labelOf(Instant startedAt) {
        return LABEL.format(startedAt);
    }

    /** Its JSON form. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", label);
        node.put("startedAt", rfc3339(startedAt));
        node.put("finishedAt", rfc3339(finishedAt));
        node.put("sizeBytes", sizeBytes);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a manifest", e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException when {@code json} is not one
     */
    public static DumpManifest parse(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a dump manifest: not a JSON object");
            }
            return new DumpManifest(
                    text(node, "label"),
                    Instant.parse(text(node, "startedAt")),
                    Instant.parse(text(node, "finishedAt")),
                    node.path("sizeBytes").asLong(-1));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a dump manifest: " + e.getMessage(), e);
        }
    }

    /** {@code instant} in RFC 3339 UTC, to the millisecond at most. */
    static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("not a dump manifest: no " + field);
        }
        return value.asText();
    }
}
