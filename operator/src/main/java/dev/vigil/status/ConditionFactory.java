package dev.vigil.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The one place conditions are built. A condition keeps its {@code lastTransitionTime} while its
 * status stays the same, whatever happens to its reason and message, as Kubernetes conventions ask;
 * every condition carries the generation it describes.
 */
public final class ConditionFactory {

    private final Clock clock;

    public ConditionFactory(Clock clock) {
        this.clock = clock;
    }

    /** Now, as RFC 3339 with second precision, as Kubernetes writes times. */
    public String now() {
        return DateTimeFormatter.ISO_INSTANT.format(
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * A condition of {@code type}, its transition time carried over from {@code previous} when the
     * status did not change.
     */
    public Condition condition(
            List<Condition> previous,
            String type,
            boolean status,
            String reason,
            String message,
            Long generation) {
        String statusText = status ? "True" : "False";
        String transitionTime =
                find(previous, type)
                        .filter(c -> statusText.equals(c.getStatus()))
                        .map(Condition::getLastTransitionTime)
                        .orElseGet(this::now);
        return new ConditionBuilder()
                .withType(type)
                .withStatus(statusText)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transitionTime)
                .build();
    }

    /** The condition of {@code type} in {@code conditions}, if any. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Whether {@code conditions} holds {@code type} with status True. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}
