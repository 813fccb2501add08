package dev.vigil.e2e.node;

import java.util.Optional;
import java.util.Set;

/**
 * An image reference as a node reads it: {@code [registry/]repository[:tag][@digest]}, with Docker
 * Hub's defaults folded away, so that {@code mongo:7.0.14}, {@code library/mongo:7.0.14} and {@code
 * docker.io/library/mongo:7.0.14} are the same image, repository {@code mongo}.
 *
 * @param repository the repository, without {@code docker.io/} or {@code library/}
 * @param tag the tag; {@code latest} when none is given
 * @param digest the {@code sha256:...} digest, or null
 */
public record MongoImageName(String repository, String tag, String digest) {

    private static final String DEFAULT_TAG = "latest";

    /** Parses an image reference; empty when it is not one. */
    public static Optional<MongoImageName> parse(String image) {
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = DEFAULT_TAG;
        int colon = rest.lastIndexOf(':');
        // A colon after the last slash separates the tag; one before it is a registry's port.
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty() || tag.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MongoImageName(dockerHubShortName(rest), tag, digest));
    }

    /**
     * Whether the repository is one of {@code repositories} (each written as {@link #parse} would
     * fold it).
     */
    public boolean isFrom(Set<String> repositories) {
        return repositories.stream()
                .map(MongoImageName::dockerHubShortName)
                .anyMatch(repository::equals);
    }

    private static String dockerHubShortName(String repository) {
        String name = repository;
        for (String registry :
                new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
            if (name.startsWith(registry)) {
                name = name.substring(registry.length());
                break;
            }
        }
        return name.startsWith("library/") ? name.substring("library/".length()) : name;
    }
}
