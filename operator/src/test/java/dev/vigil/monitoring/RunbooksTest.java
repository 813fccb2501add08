package dev.vigil.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.v1alpha1.Engine;
import dev.vigil.engine.DatabaseEngines;
import dev.vigil.monitoring.slo.SloRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every default alert (and SLO alert) has a runbook, every runbook an alert, and their links
 * resolve.
 */
class RunbooksTest {

    /** The repository's {@code docs/runbooks}; tests run in the operator module's directory. */
    private static final Path RUNBOOKS = Path.of("..", "docs", "runbooks");

    private static final String INDEX = "README.md";

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)");

    private static final Set<String> SECTIONS =
            Set.of(
                    "## What it means",
                    "## Impact",
                    "## How to confirm",
                    "## How to fix",
                    "## Related");

    @Test
    void everyDefaultAlertHasARunbookAndEveryRunbookAnAlert() throws IOException {
        assertThat(runbooks()).isEqualTo(alerts());
    }

    @Test
    void everyRunbookHasItsSectionsAndLinksToARelatedOne() throws IOException {
        for (String alert : runbooks()) {
            String text = Files.readString(RUNBOOKS.resolve(alert + ".md"));
            assertThat(text).as(alert).startsWith("# " + alert + "\n");
            for (String section : SECTIONS) {
                assertThat(text).as(alert).contains("\n" + section + "\n");
            }
            String related = text.substring(text.indexOf("\n## Related\n"));
            assertThat(links(related)).as(alert + " related runbooks").isNotEmpty();
        }
    }

    @Test
    void theIndexListsEveryRunbook() throws IOException {
        assertThat(links(Files.readString(RUNBOOKS.resolve(INDEX))))
                .containsAll(runbooks().stream().map(alert -> alert + ".md").toList());
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        try (Stream<Path> files = Files.list(RUNBOOKS)) {
            for (Path file : files.toList()) {
                for (String link : links(Files.readString(file))) {
                    if (!link.contains("://")) {
                        assertThat(file.resolveSibling(link))
                                .as(file.getFileName() + " links " + link)
                                .exists();
                    }
                }
            }
        }
    }

    /** Every default alert of either engine, and the alerts an SLO adds. */
    private static Set<String> alerts() {
        Set<String> alerts =
                Arrays.stream(Engine.values())
                        .flatMap(
                                engine ->
                                        DefaultAlerts.of(DatabaseEngines.monitoring(engine))
                                                .stream())
                        .map(DefaultAlert::alert)
                        .collect(Collectors.toCollection(TreeSet::new));
        alerts.addAll(SloRules.ALERTS);
        return alerts;
    }

    private static Set<String> runbooks() throws IOException {
        try (Stream<Path> files = Files.list(RUNBOOKS)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".md") && !name.equals(INDEX))
                    .map(name -> name.substring(0, name.length() - ".md".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> links(String markdown) {
        Set<String> links = new TreeSet<>();
        Matcher matcher = LINK.matcher(markdown);
        while (matcher.find()) {
            links.add(matcher.group(1));
        }
        return links;
    }
}
