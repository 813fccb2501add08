package dev.vigil.e2e.controllers;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A StatefulSet's ControllerRevisions, kept as {@code getStatefulSetRevisions} and {@code
 * truncateHistory} keep them: the update revision is the revision of the current template, created
 * when new and given the next revision number when an older one becomes current again (a rollback);
 * the current revision is the one {@code status.currentRevision} names, or the update revision when
 * there is none; revisions no pod uses beyond {@code revisionHistoryLimit} are deleted, oldest
 * first.
 */
final class ControllerRevisionHistory {

    /** The two revisions a pass works with. */
    record Revisions(StatefulSetRevision current, StatefulSetRevision update) {}

    private final KubernetesClient client;

    ControllerRevisionHistory(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The current and update revisions of {@code set}, whose ControllerRevisions are {@code owned},
     * writing the update revision's ControllerRevision when needed.
     */
    Revisions resolve(StatefulSet set, List<ControllerRevision> owned, String currentRevisionName) {
        StatefulSetRevision update = StatefulSetRevision.of(set);
        long newest = owned.stream().mapToLong(ControllerRevisionHistory::number).max().orElse(0);
        Optional<ControllerRevision> stored =
                owned.stream()
                        .filter(r -> r.getMetadata().getName().equals(update.name()))
                        .findFirst();
        if (stored.isEmpty()) {
            client.apps()
                    .controllerRevisions()
                    .inNamespace(set.getMetadata().getNamespace())
                    .resource(update.toControllerRevision(set, newest + 1))
                    .create();
        } else if (number(stored.get()) != newest) {
            ControllerRevision renumbered = stored.get();
            renumbered.setRevision(newest + 1);
            client.apps().controllerRevisions().resource(renumbered).update();
        }
        StatefulSetRevision current =
                currentRevisionName == null || currentRevisionName.equals(update.name())
                        ? update
                        : owned.stream()
                                .filter(r -> r.getMetadata().getName().equals(currentRevisionName))
                                .findFirst()
                                .flatMap(StatefulSetRevision::fromControllerRevision)
                                .orElse(update);
        return new Revisions(current, update);
    }

    /** Deletes the oldest revisions in use by nothing, beyond {@code limit}. */
    void truncate(
            List<ControllerRevision> owned,
            Revisions live,
            Collection<String> podRevisions,
            int limit) {
        Set<String> inUse = new HashSet<>(podRevisions);
        inUse.add(live.current().name());
        inUse.add(live.update().name());
        List<ControllerRevision> history = new ArrayList<>();
        for (ControllerRevision revision : owned) {
            if (!inUse.contains(revision.getMetadata().getName())) {
                history.add(revision);
            }
        }
        history.sort(Comparator.comparingLong(ControllerRevisionHistory::number));
        for (int i = 0; i < history.size() - Math.max(limit, 0); i++) {
            client.apps().controllerRevisions().resource(history.get(i)).delete();
        }
    }

    private static long number(ControllerRevision revision) {
        return revision.getRevision() == null ? 0 : revision.getRevision();
    }
}
