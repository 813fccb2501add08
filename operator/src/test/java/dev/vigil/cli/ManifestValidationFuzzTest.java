package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.testing.fuzz.AlertPolicyDocuments;
import dev.vigil.testing.fuzz.CrdSchema;
import dev.vigil.testing.fuzz.FieldPath;
import dev.vigil.testing.fuzz.FuzzFigures;
import dev.vigil.testing.fuzz.FuzzTries;
import dev.vigil.testing.fuzz.MonitoredDatabaseDocuments;
import dev.vigil.testing.fuzz.MutatedDocuments;
import dev.vigil.testing.fuzz.MutatedDocuments.Mutated;
import dev.vigil.validation.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzed MonitoredDatabases and AlertPolicies against the offline validation of {@code vigil
 * validate} and the reconcilers' validation: valid documents are accepted; mutated ones (wrong
 * types, huge strings, Unicode, overflowing numbers, unknown fields, deep nesting, missing fields)
 * never make either throw, each rejection names a field the document or the schema has and says
 * why, a mutation the CRD schema refuses is refused at its field, and both validations agree.
 * Cases: {@link FuzzTries} (a few hundred in the suite, 10,000 in {@code ./bench/reliability});
 * figures in {@code target/reliability/ManifestValidationFuzzTest.txt}.
 */
class ManifestValidationFuzzTest {

    private static final CrdSchema DATABASE_SCHEMA = CrdSchema.monitoredDatabase();
    private static final CrdSchema POLICY_SCHEMA = CrdSchema.alertPolicy();
    private static final FuzzFigures FIGURES = FuzzFigures.of(ManifestValidationFuzzTest.class);
    private static final YAMLMapper YAML = new YAMLMapper();

    /** A stack trace's frame, which the command line must never print. */
    private static final Pattern STACK_FRAME = Pattern.compile("\\n\\s+at [\\w.$]+\\(");

    @AfterContainer
    static void recordFigures() {
        FIGURES.record("ManifestValidationFuzzTest");
    }

    @Provide
    Arbitrary<ObjectNode> validDocuments() {
        return Arbitraries.oneOf(MonitoredDatabaseDocuments.valid(), AlertPolicyDocuments.valid());
    }

    @Provide
    Arbitrary<Mutated> mutatedDocuments() {
        return Arbitraries.oneOf(
                MutatedDocuments.of(MonitoredDatabaseDocuments.valid(), DATABASE_SCHEMA),
                MutatedDocuments.of(AlertPolicyDocuments.valid(), POLICY_SCHEMA));
    }

    @Property
    @FuzzTries(fast = 100, longRun = 10_000)
    void everyValidDocumentIsAcceptedByBothValidations(
            @ForAll("validDocuments") ObjectNode document) {
        FIGURES.count("valid.cases");
        List<FieldError> cli = checked(() -> Verdicts.cli(document));
        assertThat(cli).as(document.toString()).isEmpty();
        assertThat(checked(() -> Verdicts.reconciler(document))).as(document.toString()).isEmpty();
        FIGURES.count("valid.accepted");
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @FuzzTries(fast = 300, longRun = 10_000)
    void mutatedDocumentsAreJudgedWithoutThrowingAndEveryErrorNamesItsField(
            @ForAll("mutatedDocuments") Mutated mutated) {
        FIGURES.count("mutated.cases");
        FIGURES.count("mutated." + mutated.kind());
        ObjectNode document = mutated.document();
        List<FieldError> errors = checked(() -> Verdicts.cli(document));
        if (errors.isEmpty()) {
            FIGURES.count("mutated.accepted");
        } else {
            FIGURES.count("mutated.rejected");
        }
        CrdSchema schema = schemaOf(document);
        for (FieldError error : errors) {
            assertThat(error.field()).as("field of %s in %s", error, mutated).isNotBlank();
            assertThat(error.reason()).as("reason of %s in %s", error, mutated).isNotBlank();
            assertThat(namesAField(error.field(), document, schema))
                    .as("%s names a field of the document or the schema, in %s", error, mutated)
                    .isTrue();
        }
        mutated.schemaRefusal()
                .ifPresent(
                        why -> {
                            FIGURES.count("mutated.schemaRefusals");
                            String at = mutated.path().dotted();
                            assertThat(errors)
                                    .as("refused (%s) at %s: %s", why, at, mutated)
                                    .extracting(FieldError::field)
                                    .anyMatch(
                                            field ->
                                                    field.equals(at)
                                                            || field.startsWith(at + ".")
                                                            || field.startsWith(at + "["));
                        });
        // The reconciler sees what the API server stored: a document it could store, read into
        // the type. Where the schema refuses the mutation, or the name is gone, the server never
        // stores it.
        if (mutated.kind() == MutatedDocuments.Kind.NULL) {
            // The API server prunes a null where the schema has no nullable field, as the typed
            // resource drops it; vigil validate refuses it ("must be a string, not null"):
            // stricter, never laxer; left so, and counted.
            FIGURES.count("mutated.nullRefusedOffline." + !errors.isEmpty());
            return;
        }
        if (mutated.schemaRefusal().isEmpty()
                && document.path("metadata").path("name").isTextual()) {
            List<FieldError> reconciler;
            try {
                reconciler = Verdicts.reconciler(document);
            } catch (IllegalArgumentException e) {
                FIGURES.count("mutated.notRepresentable");
                assertThat(errors)
                        .as("the type cannot hold it (%s), so it must be refused: %s", e, mutated)
                        .isNotEmpty();
                return;
            } catch (RuntimeException | StackOverflowError e) {
                FIGURES.count("exceptions");
                throw new AssertionError("the reconciler's validation threw on " + mutated, e);
            }
            assertThat(Set.copyOf(reconciler))
                    .as("the reconciler agrees with vigil validate on %s", mutated)
                    .isEqualTo(Set.copyOf(errors));
            FIGURES.count("mutated.reconcilerAgreed");
        }
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @FuzzTries(fast = 10, longRun = 300)
    void vigilValidateExitsWithItsDocumentedCodeAndNoStackTrace(
            @ForAll("mutatedDocuments") Mutated mutated) throws IOException {
        FIGURES.count("cli.cases");
        Path file = Files.createTempFile("vigil-fuzz", ".yaml");
        try {
            Files.writeString(
                    file, YAML.writeValueAsString(mutated.document()), StandardCharsets.UTF_8);
            CliRun run = checked(() -> CliRun.of("validate", "-f", file.toString()));
            assertThat(run.exitCode()).as("exit code of %s", mutated).isIn(0, 1, 2);
            assertThat(STACK_FRAME.matcher(run.out() + run.err()).find())
                    .as("a stack trace in %s%s for %s", run.out(), run.err(), mutated)
                    .isFalse();
            FIGURES.count("cli.exit" + run.exitCode());
            if (run.exitCode() == 1) {
                assertThat(run.outLines())
                        .as("problem lines of %s", mutated)
                        .isNotEmpty()
                        .allMatch(line -> line.startsWith(file + ": "));
            }
            if (run.exitCode() == 2) {
                assertThat(run.err())
                        .as("why %s is unreadable", mutated)
                        .startsWith("error: " + file);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static CrdSchema schemaOf(JsonNode document) {
        return ManifestValidator.ALERT_POLICY.equals(document.path("kind").asText())
                ? POLICY_SCHEMA
                : DATABASE_SCHEMA;
    }

    /**
     * Whether {@code field}, as an error names it, is a place of {@code document} or one {@code
     * schema} defines (a required field that is missing, say). Map keys may hold dots ({@code
     * metadata.labels.app.kubernetes.io/part-of}), so dotted names are also tried joined.
     */
    static boolean namesAField(String field, JsonNode document, CrdSchema schema) {
        List<Object> tokens = tokens(field);
        if (tokens.isEmpty()) {
            return false;
        }
        return present(document, tokens, 0) || defined(schema, FieldPath.ROOT, tokens, 0);
    }

    private static boolean present(JsonNode node, List<Object> tokens, int from) {
        if (from == tokens.size()) {
            return true;
        }
        if (tokens.get(from) instanceof Integer index) {
            return node.isArray() && node.has(index) && present(node.get(index), tokens, from + 1);
        }
        StringBuilder key = new StringBuilder();
        for (int to = from; to < tokens.size() && tokens.get(to) instanceof String part; to++) {
            key.append(to == from ? "" : ".").append(part);
            if (node.isObject()
                    && node.has(key.toString())
                    && present(node.get(key.toString()), tokens, to + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean defined(
            CrdSchema schema, FieldPath path, List<Object> tokens, int from) {
        if (from == tokens.size()) {
            return schema.defines(path);
        }
        if (tokens.get(from) instanceof Integer index) {
            return defined(schema, path.index(index), tokens, from + 1);
        }
        StringBuilder key = new StringBuilder();
        for (int to = from; to < tokens.size() && tokens.get(to) instanceof String part; to++) {
            key.append(to == from ? "" : ".").append(part);
            FieldPath longer = path.child(key.toString());
            if (schema.defines(longer) && defined(schema, longer, tokens, to + 1)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern ELEMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    /** {@code spec.a[1].b} as its keys and indices. */
    static List<Object> tokens(String field) {
        List<Object> tokens = new ArrayList<>();
        var matcher = ELEMENT.matcher(field);
        while (matcher.find()) {
            tokens.add(
                    matcher.group(1) != null
                            ? matcher.group(1)
                            : (Object) Integer.parseInt(matcher.group(2)));
        }
        return tokens;
    }

    private interface Check<T> {
        T get() throws Exception;
    }

    /** Runs {@code check}, counting anything it throws as an exception of the figures. */
    private static <T> T checked(Check<T> check) {
        try {
            return check.get();
        } catch (Exception | StackOverflowError e) {
            FIGURES.count("exceptions");
            throw new AssertionError("threw " + e, e);
        }
    }
}
