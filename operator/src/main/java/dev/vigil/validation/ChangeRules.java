package dev.vigil.validation;

import dev.vigil.api.v1alpha1.DatabaseMode;
import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.api.v1alpha1.MonitoredDatabase;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes refused up front because no rollback could undo them safely: nothing of such a change is
 * applied, and what runs keeps running.
 *
 * <ul>
 *   <li>A PostgreSQL major-version change: the data directory of one major version does not start
 *       under another; an upgrade needs {@code pg_upgrade} or a dump and restore, which Vigil does
 *       not do (minor versions share the on-disk format and are allowed).
 *   <li>A storage shrink, for both engines: a volume cannot be made smaller.
 * </ul>
 */
public final class ChangeRules {

    /** Condition reason of a refused PostgreSQL major-version change. */
    public static final String MAJOR_UPGRADE_UNSUPPORTED = "MajorUpgradeUnsupported";

    /** Condition reason of a refused storage shrink. */
    public static final String STORAGE_SHRINK_UNSUPPORTED = "StorageShrinkUnsupported";

    private ChangeRules() {}

    /**
     * The changes from {@code deployed} to {@code database} that Vigil refuses.
     *
     * @param database the desired resource, defaulted with {@code SchemaDefaults.withDefaults}
     */
    public static List<RefusedChange> check(MonitoredDatabase database, DeployedState deployed) {
        List<RefusedChange> refused = new ArrayList<>();
        String version = database.getSpec().getVersion();
        // Only where Vigil runs the database: in External mode the version is the provider's.
        Engine engine = database.getSpec().getEngine();
        if (engine.majorUpgradeRefusal().isPresent()
                && DatabaseMode.runsMembers(database.getSpec().getMode())
                && deployed.version().isPresent()
                && version != null
                && !major(deployed.version().get()).equals(major(version))) {
            refused.add(
                    new RefusedChange(
                            MAJOR_UPGRADE_UNSUPPORTED,
                            new FieldError(
                                    "spec.version",
                                    engine
                                            + " "
                                            + deployed.version().get()
                                            + " cannot change to "
                                            + version
                                            + ": "
                                            + engine.majorUpgradeRefusal().get()
                                            + "; only minor versions ("
                                            + major(deployed.version().get())
                                            + ".x) are allowed")));
        }
        Optional<String> size =
                Optional.ofNullable(database.getSpec().getStorage()).map(s -> s.getSize());
        if (size.isPresent()
                && deployed.storageSize().isPresent()
                && amount(size.get()).compareTo(amount(deployed.storageSize().get())) < 0) {
            refused.add(
                    new RefusedChange(
                            STORAGE_SHRINK_UNSUPPORTED,
                            new FieldError(
                                    "spec.storage.size",
                                    "cannot shrink from "
                                            + deployed.storageSize().get()
                                            + " to "
                                            + size.get()
                                            + ": a volume cannot be made smaller")));
        }
        return refused;
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    private static java.math.BigDecimal amount(String quantity) {
        return new Quantity(quantity).getNumericalAmount();
    }
}
