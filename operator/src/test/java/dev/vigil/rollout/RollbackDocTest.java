package dev.vigil.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.status.Phase;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/rollback.md names every state, phase, reason, Event and outcome the code writes. */
class RollbackDocTest {

    private static final Path ROLLBACK_MD = Path.of("..", "docs", "rollback.md");

    @Test
    void theDocNamesEveryWordOfTheGate() throws IOException, IllegalAccessException {
        String doc = Files.readString(ROLLBACK_MD);
        List<String> words = new ArrayList<>();
        for (Field field : RolloutMessages.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class
                    && !field.getName().startsWith("MSG_")) {
                words.add((String) field.get(null));
            }
        }
        Arrays.stream(RolloutState.values()).map(Enum::name).forEach(words::add);
        Arrays.stream(Phase.values()).map(Enum::name).forEach(words::add);

        assertThat(words).allSatisfy(word -> assertThat(doc).contains("`" + word + "`"));
    }

    @Test
    void theDiagramHasEveryState() throws IOException {
        String doc = Files.readString(ROLLBACK_MD);
        String diagram =
                doc.substring(
                        doc.indexOf("```mermaid"),
                        doc.indexOf("```", doc.indexOf("```mermaid") + 3));

        assertThat(RolloutState.values())
                .allSatisfy(state -> assertThat(diagram).contains("--> " + state.name()));
    }
}
