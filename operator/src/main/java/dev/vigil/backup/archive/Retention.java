package dev.vigil.backup.archive;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** Which complete dumps a repository keeps: the newest few, or those of the last days. */
public sealed interface Retention {

    /** Keeps the newest {@code dumps}. */
    static Retention newest(int dumps) {
        if (dumps < 1) {
            throw new IllegalArgumentException("a retention keeps at least 1 dump, not " + dumps);
        }
        return new Count(dumps);
    }

    /**
     * Keeps the dumps finished within {@code days} days before now, and the newest one whatever its
     * age.
     */
    static Retention days(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a retention keeps at least 1 day, not " + days);
        }
        return new Days(days);
    }

    /** The dumps of {@code oldestFirst} kept at {@code now}, oldest first. */
    List<DumpManifest> keep(List<DumpManifest> oldestFirst, Instant now);

    /** The newest {@code dumps}. */
    record Count(int dumps) implements Retention {
        @Override
        public List<DumpManifest> keep(List<DumpManifest> oldestFirst, Instant now) {
            return oldestFirst.subList(Math.max(0, oldestFirst.size() - dumps), oldestFirst.size());
        }
    }

    /** Those finished within {@code days} days, at least the newest. */
    record Days(int days) implements Retention {
        @Override
        public List<DumpManifest> keep(List<DumpManifest> oldestFirst, Instant now) {
            Instant since = now.minus(Duration.ofDays(days));
            int newest = oldestFirst.size() - 1;
            return IntStream.rangeClosed(0, newest)
                    .filter(i -> i == newest || !oldestFirst.get(i).finishedAt().isBefore(since))
                    .mapToObj(oldestFirst::get)
                    .toList();
        }
    }
}
