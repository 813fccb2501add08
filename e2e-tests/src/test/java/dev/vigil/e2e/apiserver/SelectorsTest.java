package dev.vigil.e2e.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SelectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode object(String labels) throws Exception {
        return JSON.readTree(
                ("{'metadata':{'name':'n','labels':"
                                + labels
                                + "},'involvedObject':{'kind':'Pod','name':'p'}}")
                        .replace('\'', '"'));
    }

    @Test
    void labelSelectorsFollowTheApiServersGrammar() throws Exception {
        JsonNode pod = object("{'app':'db','tier':'data'}");

        assertThat(LabelSelector.parse("app=db").matches(pod)).isTrue();
        assertThat(LabelSelector.parse("app==db,tier=data").matches(pod)).isTrue();
        assertThat(LabelSelector.parse("app!=db").matches(pod)).isFalse();
        assertThat(LabelSelector.parse("app in (web, db)").matches(pod)).isTrue();
        assertThat(LabelSelector.parse("app notin (web,db)").matches(pod)).isFalse();
        assertThat(LabelSelector.parse("tier,!canary").matches(pod)).isTrue();
        assertThat(LabelSelector.parse("canary").matches(pod)).isFalse();
        assertThat(LabelSelector.parse("").matches(pod)).isTrue();
    }

    @Test
    void fieldSelectorsReadDottedPaths() throws Exception {
        JsonNode event = object("{}");

        assertThat(
                        FieldSelector.parse("involvedObject.name=p,involvedObject.kind=Pod")
                                .matches(event))
                .isTrue();
        assertThat(FieldSelector.parse("involvedObject.name==q").matches(event)).isFalse();
        assertThat(FieldSelector.parse("metadata.name!=other").matches(event)).isTrue();
        assertThat(FieldSelector.name("n").matches(event)).isTrue();
    }
}
