package dev.vigil.monitoring.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every expression of {@code promql/corpus.txt} with both {@link PromQlSyntax} and the real
 * {@code promtool check rules} of Prometheus 2.42 (one invocation for the whole corpus: each
 * expression is the only rule of its own group) and requires them to agree.
 */
class PromQlSyntaxPromtoolDifferentialTest {

    private static final Path PROMTOOL = Paths.get("/usr/bin/promtool");
    private static final Pattern RULE_ERROR =
            Pattern.compile("group \"g(\\d+)\", rule \\d+, \"r\\d+\": (.*)");

    @TempDir Path dir;

    @Test
    void agreesWithPromtoolOnEveryCorpusExpression() throws Exception {
        if (!Files.isExecutable(PROMTOOL)) {
            fail(
                    "promtool is missing at "
                            + PROMTOOL
                            + "; install it with: apt-get update && apt-get install -y prometheus");
        }
        List<String> corpus = corpus();
        assertTrue(corpus.size() >= 150, "the corpus should have at least 150 expressions");

        Map<Integer, String> promtoolErrors = promtoolErrors(corpus);

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String expr = corpus.get(i);
            boolean promtoolValid = !promtoolErrors.containsKey(i);
            var ours = PromQlSyntax.check(expr);
            if (promtoolValid != ours.isEmpty()) {
                disagreements.add(
                        String.format(
                                "%s%n    promtool: %s%n    Vigil:    %s",
                                expr,
                                promtoolValid ? "valid" : promtoolErrors.get(i),
                                ours.map(e -> e.position() + ": " + e.message()).orElse("valid")));
            }
        }
        assertTrue(
                promtoolErrors.size() > 50 && promtoolErrors.size() < corpus.size() - 50,
                "the corpus should mix valid and invalid expressions, promtool rejected "
                        + promtoolErrors.size());
        assertEquals(
                List.of(), disagreements, disagreements.size() + " disagreement(s) with promtool");
    }

    private Map<Integer, String> promtoolErrors(List<String> corpus)
            throws IOException, InterruptedException {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Map<String, Object> rule = Map.of("record", "r" + i, "expr", corpus.get(i));
            groups.add(Map.of("name", "g" + i, "rules", List.of(rule)));
        }
        Path rules = dir.resolve("corpus-rules.yml");
        new YAMLMapper().writeValue(rules.toFile(), Map.of("groups", groups));

        Process process =
                new ProcessBuilder(PROMTOOL.toString(), "check", "rules", rules.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");

        Map<Integer, String> errors = new HashMap<>();
        Matcher m = RULE_ERROR.matcher(output);
        while (m.find()) {
            errors.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        boolean reportedSuccess = output.contains("SUCCESS");
        assertEquals(
                errors.isEmpty(),
                process.exitValue() == 0,
                "promtool output not understood:\n" + output);
        assertEquals(
                errors.isEmpty(), reportedSuccess, "promtool output not understood:\n" + output);
        return errors;
    }

    private static List<String> corpus() throws IOException {
        try (InputStream in =
                PromQlSyntaxPromtoolDifferentialTest.class.getResourceAsStream(
                        "/promql/corpus.txt")) {
            List<String> lines = new ArrayList<>();
            for (String line :
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isBlank() && !line.startsWith("##")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }
}
