package dev.vigil.e2e.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mongod options the node simulation acts on, from the command line and the YAML file of {@code
 * --config}, the command line winning as in mongod: port, replica set name, data directory and
 * keyfile. Paths are container paths.
 *
 * @param port {@code net.port} / {@code --port}, 27017 by default
 * @param replSetName {@code replication.replSetName} / {@code --replSet}, or null
 * @param dbPath {@code storage.dbPath} / {@code --dbpath}, {@code /data/db} by default
 * @param keyFile {@code security.keyFile} / {@code --keyFile}, or null
 */
public record MongodOptions(int port, String replSetName, String dbPath, String keyFile) {

    static final int DEFAULT_PORT = 27017;
    static final String DEFAULT_DB_PATH = "/data/db";

    /** Options mongod rejects at start; it exits with code 2 (bad options). */
    public static final class InvalidOptionsException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidOptionsException(String message) {
            super(message);
        }
    }

    /**
     * Reads the options.
     *
     * @param options mongod's command-line options, without the program name
     * @param mounts where the container's files live, for the {@code --config} file
     */
    public static MongodOptions parse(List<String> options, MountTable mounts)
            throws InvalidOptionsException {
        Map<String, String> flags = commandLine(options);
        Map<String, String> settings = new HashMap<>();
        String config = flags.containsKey("--config") ? flags.get("--config") : flags.get("-f");
        if (config != null) {
            settings.putAll(configFile(config, mounts));
        }
        overlay(settings, flags, "--port", "net.port");
        overlay(settings, flags, "--replSet", "replication.replSetName");
        overlay(settings, flags, "--dbpath", "storage.dbPath");
        overlay(settings, flags, "--keyFile", "security.keyFile");
        int port;
        try {
            port =
                    Integer.parseInt(
                            settings.getOrDefault("net.port", String.valueOf(DEFAULT_PORT)));
        } catch (NumberFormatException e) {
            throw new InvalidOptionsException("net.port must be a number");
        }
        return new MongodOptions(
                port,
                settings.get("replication.replSetName"),
                settings.getOrDefault("storage.dbPath", DEFAULT_DB_PATH),
                settings.get("security.keyFile"));
    }

    /** {@code --name value} and {@code --name=value}; a flag without a value maps to "". */
    private static Map<String, String> commandLine(List<String> options) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            int equals = option.indexOf('=');
            if (equals > 0) {
                flags.put(option.substring(0, equals), option.substring(equals + 1));
            } else if (i + 1 < options.size() && !options.get(i + 1).startsWith("-")) {
                flags.put(option, options.get(++i));
            } else {
                flags.put(option, "");
            }
        }
        return flags;
    }

    private static void overlay(
            Map<String, String> settings, Map<String, String> flags, String flag, String setting) {
        String value = flags.get(flag);
        if (value != null && !value.isEmpty()) {
            settings.put(setting, value);
        }
    }

    /** The YAML file's settings, flattened to dotted names. */
    private static Map<String, String> configFile(String path, MountTable mounts)
            throws InvalidOptionsException {
        Optional<Path> file = mounts.hostPath(path).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            throw new InvalidOptionsException(
                    "Error reading config file " + path + ": No such file or directory");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.get().toFile());
        } catch (IOException e) {
            throw new InvalidOptionsException(
                    "Error parsing YAML config file " + path + ": " + e.getMessage());
        }
        Map<String, String> settings = new HashMap<>();
        if (root != null) {
            flatten("", root, settings);
        }
        return settings;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> settings) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e ->
                                    flatten(
                                            prefix.isEmpty()
                                                    ? e.getKey()
                                                    : prefix + "." + e.getKey(),
                                            e.getValue(),
                                            settings));
        } else if (!node.isNull()) {
            settings.put(prefix, node.asText());
        }
    }
}
