package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML documents of the files and directories given with {@code -f}, the way {@code
 * kubectl apply -f} picks files: a named file is read whatever its extension, a directory gives its
 * {@code *.yaml} and {@code *.yml} files, here recursively and in sorted order so the output is the
 * same on every machine.
 */
final class ManifestReader {

    // Duplicate keys are an error: the API server's strict decoding rejects them, and Jackson
    // would otherwise keep the last value silently.
    // Decimals are read exactly: as a double, 1e400 became Infinity, which the schema validator
    // could not compare with its bounds and threw on.
    private static final YAMLMapper YAML =
            YAMLMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .build();

    private ManifestReader() {}

    /** Every non-empty document of {@code inputs}, files in the order given. */
    static List<ManifestDocument> read(List<Path> inputs) throws UnreadableInputException {
        List<ManifestDocument> documents = new ArrayList<>();
        for (Path input : inputs) {
            for (Path file : files(input)) {
                documents.addAll(readFile(file));
            }
        }
        return documents;
    }

    private static List<Path> files(Path input) throws UnreadableInputException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new UnreadableInputException(input + ": no such file or directory");
        }
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile)
                    .filter(ManifestReader::isYaml)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UnreadableInputException(input + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static List<ManifestDocument> readFile(Path file) throws UnreadableInputException {
        List<ManifestDocument> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<JsonNode> values =
                        YAML.readerFor(JsonNode.class).readValues(reader)) {
            int position = 0;
            while (values.hasNextValue()) {
                JsonNode content = values.nextValue();
                position++;
                if (content != null && !content.isNull() && !content.isMissingNode()) {
                    documents.add(new ManifestDocument(file, position, content));
                }
            }
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException(file + ": " + describe(e), e);
        } catch (IOException e) {
            throw new UnreadableInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        return documents;
    }

    /**
     * "line 5: expected <block end>, but found '<block mapping start>'": the parser's problem and
     * where it found it, without its multi-line excerpt of the file.
     */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            Mark mark = yaml.getProblemMark();
            String problem = yaml.getProblem().strip();
            return mark == null ? problem : "line " + (mark.getLine() + 1) + ": " + problem;
        }
        String problem = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML").strip();
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1
                ? problem
                : "line " + location.getLineNr() + ": " + problem;
    }
}
